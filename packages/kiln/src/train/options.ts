import { UsageError } from "../cli/usage-error.js";

export interface TrainOptions {
  steps: number;
  lr: number | null;
  seed: number;
  model: "linear" | "mlp" | "both";
  plot: string | null;
  quiet: boolean;
  save: string | null;
  load: string | null;
  timingSteps: number;
}

const defaults: TrainOptions = { steps: 300, lr: null, seed: 0, model: "both", plot: "kiln-train.svg", quiet: false, save: null, load: null, timingSteps: 200 };

function integer(flag: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${flag}: must be an integer >= ${min}, got ${v ?? "nothing"}`);
  return n;
}

/** Parses `kiln train` flags; every error names the flag. */
export function parseTrainOptions(args: readonly string[]): TrainOptions {
  const o = { ...defaults };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${flag}: needs a value`);
      return v;
    };
    switch (flag) {
      case "--steps": o.steps = integer(flag, value(), 1); break;
      case "--timing-steps": o.timingSteps = integer(flag, value(), 1); break;
      case "--seed": o.seed = integer(flag, value(), -(2 ** 31)); break;
      case "--lr": {
        const v = value();
        const lr = Number(v);
        if (!Number.isFinite(lr) || lr <= 0) throw new UsageError(`--lr: must be a positive number, got ${v}`);
        o.lr = lr;
        break;
      }
      case "--model": {
        const v = value();
        if (v !== "linear" && v !== "mlp" && v !== "both") throw new UsageError(`--model: must be linear, mlp or both, got ${v}`);
        o.model = v;
        break;
      }
      case "--plot": o.plot = value(); break;
      case "--no-plot": o.plot = null; break;
      case "--save": o.save = value(); break;
      case "--load": o.load = value(); break;
      case "--quiet": case "-q": o.quiet = true; break;
      default: throw new UsageError(`train: unknown option '${flag}' (see kiln --help)`);
    }
  }
  return o;
}
