import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nnx } from "kiln";
import { kiln } from "./cli-harness.js";

/**
 * Hostile input to the command line, each case its own process, as a user's shell would run it:
 * every case must end with a non-zero status, write nothing to stdout, write exactly one line
 * to stderr that names the argument at fault (and stays short however large the input), show
 * no stack trace, and end in bounded time.
 */
const dir = mkdtempSync(join(tmpdir(), "kiln-hostile-cli-"));
const seedCase = { seed: 0, x: [[1, 2], [3, 4]], y: [[1], [2]], lr: 0.01, num_steps: 5 };
const caseWith = (over: Record<string, unknown>) => JSON.stringify({ ...seedCase, ...over });
/** JSON text of a list nested `depth` deep around `inner` (built as text: JSON.stringify would recurse). */
const nested = (depth: number, inner = "1") => "[".repeat(depth) + inner + "]".repeat(depth);

const checkpoint = join(dir, "linear.safetensors");
nnx.saveCheckpoint(checkpoint, { linear: new nnx.Linear(5, 1, { rngs: new nnx.Rngs(0) }) });
const bytes = readFileSync(checkpoint);
const truncated = join(dir, "truncated.safetensors");
writeFileSync(truncated, bytes.subarray(0, bytes.length - 3));
const hugeHeader = join(dir, "huge-header.safetensors");
writeFileSync(hugeHeader, Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), bytes.subarray(8)]));
const overlapping = join(dir, "overlap.safetensors");
writeFileSync(overlapping, (() => {
  const n = Number(bytes.readBigUInt64LE(0));
  const header = bytes.subarray(8, 8 + n).toString("utf8").replace(/"data_offsets":\[4,24\]/, '"data_offsets":[0,20]');
  return Buffer.concat([bytes.subarray(0, 8), Buffer.from(header), bytes.subarray(8 + n)]);
})());

const big = "9".repeat(100_000); // one argument is at most 128 KiB on Linux
const long = "x".repeat(100_000);
interface Case {
  readonly what: string;
  readonly args: string[];
  readonly stdin?: string | Buffer;
  /** What the one line must say: the argument's name and the problem. */
  readonly line: RegExp;
}

const cases: Case[] = [
  // train-step-loss input (stdin)
  { what: "an element of x nested 10,000 deep", args: ["train-step-loss"], stdin: caseWith({}).replace('"x":[[1,2]', `"x":[[1,${nested(10_000)}]`), line: /input\.x\[0\]\[1\]: must be a finite number, got an array of 1 entry$/ },
  { what: "an element of y nested 10,000 deep", args: ["train-step-loss"], stdin: caseWith({}).replace('"y":[[1]', `"y":[[${nested(10_000)}]`), line: /input\.y\[0\]\[0\]: must be a finite number, got an array of 1 entry$/ },
  { what: "an element of x that is a 500,000-number list", args: ["train-step-loss"], stdin: caseWith({ x: [[1, new Array(500_000).fill(1)], [3, 4]] }), line: /input\.x\[0\]\[1\]: must be a finite number, got an array of 500000 entries$/ },
  { what: "a row of y that is a megabyte string", args: ["train-step-loss"], stdin: caseWith({ y: ["z".repeat(1_000_000), [2]] }), line: /input\.y\[0\]: must be an array of numbers, got the string "z{40}…" \(1000000 characters\)$/ },
  { what: "a whole input nested 1,000,000 deep", args: ["train-step-loss"], stdin: nested(1_000_000), line: /input\[0\]: must be an object with fields seed, x, y, lr, num_steps, got an array of 1 entry$/ },
  { what: "a field name of 100,000 characters", args: ["train-step-loss"], stdin: caseWith({ [long]: 1 }), line: /input: unknown field "x{40}…" \(100000 characters\)/ },
  { what: "a field named __proto__", args: ["train-step-loss"], stdin: caseWith({}).replace("{", '{"__proto__":{"seed":1},'), line: /input: unknown field "__proto__"/ },
  { what: "num_steps of 1e300", args: ["train-step-loss"], stdin: caseWith({ num_steps: 1e300 }), line: /input\.num_steps: must be at most 10000000, got 1e\+300$/ },
  { what: "a seed of 1e300", args: ["train-step-loss"], stdin: caseWith({ seed: 1e300 }), line: /input\.seed: does not fit in int64$/ },
  { what: "NaN written as a token", args: ["train-step-loss"], stdin: caseWith({}).replace('"lr":0.01', '"lr":NaN'), line: /input: not valid JSON/ },
  { what: "bytes that are not UTF-8 text", args: ["train-step-loss"], stdin: Buffer.from([0xff, 0xfe, 0x00, 0x01]), line: /input: not valid JSON/ },
  { what: "an empty input", args: ["train-step-loss"], stdin: "", line: /input: not valid JSON \(Unexpected end of JSON input\)$/ },
  { what: "an endless input (/dev/zero)", args: ["train-step-loss", "--input", "/dev/zero"], line: /--input: cannot read "\/dev\/zero": more than the limit of 268435456 bytes$/ },
  { what: "an input that is a directory", args: ["train-step-loss", "--input", dir], line: /--input: cannot read ".*": EISDIR$/ },
  // flags
  { what: "--seed 1e300", args: ["train", "--seed", "1e300"], line: /--seed: must be an integer from -2\^63 to 2\^63-1, got "1e300"$/ },
  { what: "--seed of 100,000 digits", args: ["train", "--seed", big], line: /--seed: must be an integer from -2\^63 to 2\^63-1, got "9{60}…" \(100000 characters\)$/ },
  { what: "--steps of 100,000 digits", args: ["train", `--steps=${big}`], line: /--steps: must be an integer from 1 to 10000000, got "9{60}…" \(100000 characters\)$/ },
  { what: "--timing-steps 1e300", args: ["train", "--timing-steps", "1e300"], line: /--timing-steps: must be an integer from 1 to 1000000, got "1e300"$/ },
  { what: "--lr NaN", args: ["train", "--lr", "NaN"], line: /--lr: must be a positive finite number, got "NaN"$/ },
  { what: "--lr that underflows to 0", args: ["train", "--lr", "1e-400"], line: /--lr: must be a positive finite number, got "1e-400"$/ },
  { what: "--lr in hexadecimal", args: ["train", "--lr", "0x1"], line: /--lr: must be a positive finite number, got "0x1"$/ },
  { what: "--model with a newline and quotes", args: ["train", "--model", 'lin"ear\nmlp'], line: /--model: must be one of linear, mlp, all, got "lin\\"ear\\nmlp"$/ },
  { what: "--model of 100,000 characters", args: ["inspect", "--model", long], line: /--model: must be one of linear, mlp, got "x{60}…" \(100000 characters\)$/ },
  { what: "an unknown flag of 100,000 characters", args: ["train", `--${long}`], line: /unknown option '--x{58}…' \(100002 characters\)$/ },
  { what: "an unknown command of 100,000 characters", args: [long], line: /^kiln: unknown command 'x{60}…' \(100000 characters\)$/ },
  { what: "10,000 operands after --", args: ["train", "--", ...new Array(10_000).fill("a")], line: /too many arguments for 'train'\. Expected 0 arguments but got 10000\.$/ },
  { what: "inspect --shape 1,1e9,1", args: ["inspect", "--shape", "1,1e9,1"], line: /--shape: must be 3 positive integers N,DIN,DOUT separated by commas, got "1,1e9,1"$/ },
  { what: "inspect --shape 1,1000000000,1", args: ["inspect", "--shape", "1,1000000000,1"], line: /--shape: DIN = 1000000000 is over the limit of 1048576$/ },
  { what: "inspect --shape 1048576,1048576,1", args: ["inspect", "--shape", "1048576,1048576,1"], line: /--shape: N×DIN = 1099511627776 elements is over the limit of 1048576$/ },
  { what: "inspect --shape of 100,000 commas", args: ["inspect", "--shape", ",".repeat(100_000)], line: /--shape: must be 3 positive integers N,DIN,DOUT separated by commas, got ",{60}…" \(100000 characters\)$/ },
  // files
  { what: "train --load of a missing file", args: ["train", "--load", join(dir, "missing.safetensors")], line: /--load: cannot read ".*missing\.safetensors": no such file or directory$/ },
  { what: "train --load of a directory", args: ["train", "--load", dir], line: /--load: cannot read ".*": not a regular file$/ },
  { what: "train --save onto a directory", args: ["train", "--no-plot", "--save", dir], line: /--save: cannot write ".*": it is a directory$/ },
  { what: "train --load of a device", args: ["train", "--load", "/dev/zero"], line: /--load: cannot read "\/dev\/zero": not a regular file$/ },
  { what: "train --save into a missing directory", args: ["train", "--save", join(dir, "none", "m.safetensors")], line: /--save: cannot write ".*none\/m\.safetensors": directory ".*none": no such file or directory$/ },
  { what: "train --plot into a missing directory", args: ["train", "--plot", join(dir, "none", "loss.svg")], line: /--plot: cannot write ".*none\/loss\.svg": directory ".*none": no such file or directory$/ },
  { what: "train --plot under a file", args: ["train", "--plot", join(checkpoint, "loss.svg")], line: /--plot: cannot write ".*linear\.safetensors\/loss\.svg": ".*linear\.safetensors" is not a directory$/ },
  { what: "train --load of a truncated checkpoint", args: ["train", "--model", "linear", "--load", truncated, "--no-plot"], line: /truncated\.safetensors: tensor "linear\.kernel" ends at byte 24 of a data section of 21 bytes \(truncated file\?\)$/ },
  { what: "train --load of a checkpoint with a huge header length", args: ["train", "--model", "linear", "--load", hugeHeader, "--no-plot"], line: /huge-header\.safetensors: header length 18446744073709551615 is over the format's limit of 100000000 bytes$/ },
  { what: "train --load of a checkpoint with overlapping tensors", args: ["train", "--model", "linear", "--load", overlapping, "--no-plot"], line: /overlap\.safetensors: tensor "linear\.kernel" bytes \[0, 20\) overlap tensor "linear\.bias" \[0, 4\)$/ },
];

describe.concurrent("the command line on hostile input: non-zero status, one line naming the argument, no stack trace, bounded time", { timeout: 180_000 }, () => {
  for (const c of cases) {
    it(c.what, async () => {
      // each case is refused before any work: a second or two, far more on a loaded machine
      const r = await kiln(c.args, { stdin: c.stdin ?? "", timeoutMs: 120_000 });
      expect(r.signal, "killed: the command did not end in 120 s").toBeNull();
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBeNull();
      expect(r.stdout).toBe("");
      const lines = r.stderr.split("\n");
      expect(lines.at(-1), "stderr ends with a newline").toBe("");
      expect(lines, `one line on stderr, got: ${r.stderr.slice(0, 500)}`).toHaveLength(2);
      expect(lines[0]!.length).toBeLessThanOrEqual(400);
      expect(lines[0]).toMatch(/^kiln( [a-z-]+)?: /);
      expect(lines[0]).toMatch(c.line);
      expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(r.ms).toBeLessThan(90_000);
    });
  }
});
