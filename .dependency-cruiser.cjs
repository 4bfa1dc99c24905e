/**
 * The layering of kiln's sources, checked by `pnpm lint` (docs/architecture.md explains it).
 * Type-only imports count: a cycle through types is still a cycle.
 *
 * Packages depend downward only:
 *   platform <- core <- {random, autodiff, stablehlo} <- codegen <- {optax, nnx} <- kiln
 *   (optax also on autodiff; codegen, nnx and kiln on stablehlo for lower().asStablehlo())
 * Inside codegen the layers run one way:
 *   passes -> fusion -> plan -> backend (the placement interface) -> {js | wasm} -> compile -> jit
 * and no backend imports another.
 */
const pkg = (name) => `^packages/${name}/src/`;
const layer = (name) => `^packages/codegen/src/${name}`;
const notTo = (name, comment, from, to) => ({ name, comment, severity: "error", from: { path: from }, to: { path: to } });
const packagesBelow = (name, allowed) =>
  notTo(`${name}-depends-downward`, `@kiln/${name} may import only ${allowed.join(", ") || "nothing of kiln"}`, pkg(name), `^packages/(?!(${[name, ...allowed].join("|")})/)[^/]+/src/`);

module.exports = {
  forbidden: [
    { name: "no-circular", comment: "no import cycle anywhere, type-only imports included", severity: "error", from: {}, to: { circular: true } },

    packagesBelow("platform", []),
    packagesBelow("core", ["platform"]),
    packagesBelow("random", ["platform", "core"]),
    packagesBelow("autodiff", ["platform", "core"]),
    packagesBelow("stablehlo", ["platform", "core"]),
    packagesBelow("codegen", ["platform", "core", "stablehlo"]),
    packagesBelow("optax", ["platform", "core", "autodiff"]),
    packagesBelow("nnx", ["platform", "core", "random", "autodiff", "stablehlo", "codegen", "optax"]),

    {
      name: "no-node-imports",
      comment: "Node facilities (threads, engine flags, files, environment) come through @kiln/platform",
      severity: "error",
      from: { path: "^packages/(core|random|autodiff|stablehlo|codegen|optax|nnx)/src/" },
      to: { dependencyTypes: ["core"] },
    },

    notTo("passes-below-fusion", "graph passes know nothing of fusion, plans or backends", layer("passes/"), layer("(fusion|plan|backend|js|wasm|webgpu)/|(compile|jit)\\.ts")),
    notTo("fusion-below-plan", "fusion decides kernel boundaries from its own op table and knows no plan or backend", layer("fusion/"), layer("(plan|backend|js|wasm|webgpu)/|(compile|jit)\\.ts")),
    notTo("plan-below-backends", "the kernel plan is backend-neutral", layer("plan/"), layer("(backend|js|wasm|webgpu)/|(compile|jit)\\.ts")),
    notTo("backend-interface-below-backends", "the placement interface names no backend", layer("backend/"), layer("(js|wasm|webgpu)/|(compile|jit)\\.ts")),
    notTo("backends-below-compile", "backends receive plans; compile.ts wires them", layer("(js|wasm|webgpu)/"), layer("(compile|jit)\\.ts")),
    {
      name: "no-backend-to-backend",
      comment: "backends are siblings: none imports another (compile.ts wires them)",
      severity: "error",
      from: { path: "^packages/codegen/src/(js|wasm|webgpu)/" },
      to: { path: "^packages/codegen/src/(js|wasm|webgpu)/", pathNot: "^packages/codegen/src/$1/" },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(\\.test\\.ts$|/dist/|/testing/)" },
  },
};
