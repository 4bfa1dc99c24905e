#!/usr/bin/env bash
# One command for a fresh machine: installs pnpm (with npm) if needed, the dependencies,
# builds every package, and runs kiln's main job on built-in data.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version 2>/dev/null)" != 10.* ]]; then
  npm install -g pnpm@10.34.8
fi
pnpm install --frozen-lockfile
pnpm build
pnpm start
