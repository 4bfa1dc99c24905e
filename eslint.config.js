import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // generated code pinned by snapshot tests is the body of `new Function("rt", "wasm", ...)`, not a module
  { ignores: ["**/dist/**", "**/node_modules/**", ".venv/**", "**/__snapshots__/**", ".dependency-cruiser.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
      // kiln's own `Array` class shadows the global one: `new Array(aval, data)` is not the built-in
      "no-array-constructor": "off",
      "@typescript-eslint/no-array-constructor": "off",
    },
  },
);
