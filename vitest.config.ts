import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests always run on the TypeScript sources: every workspace package resolves to its src/,
// so a stale dist/ can never decide a test.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^kiln$/, replacement: src("kiln") },
      { find: /^@kiln\/(platform|core|random|autodiff|stablehlo|codegen|optax|nnx)$/, replacement: src("$1") },
    ],
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "tests/**/*.test.ts"],
    pool: "threads",
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
