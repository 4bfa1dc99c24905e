#!/usr/bin/env node
// The kiln command line. A committed launcher, so pnpm can link the bin before the build runs.
import "../dist/cli.js";
