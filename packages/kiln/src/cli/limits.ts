/**
 * The command line's limits, in one place (docs/cli.md lists them): they keep a mistyped or
 * hostile number from exhausting memory or running forever, and are checked before any work.
 */

/** `train --steps` and `train-step-loss`'s num_steps (one float64 per step is kept for the curves). */
export const MAX_STEPS = 10_000_000;

/** `train --timing-steps` (one float64 per timed step). */
export const MAX_TIMING_STEPS = 1_000_000;

/**
 * `inspect --shape`: the most elements any of the step's arrays may have (N×DIN inputs, DIN×DOUT
 * weights, N×DOUT outputs). inspect builds the model and its inputs; the compiled code depends on
 * the sizes only as literals, so nothing is learnt from larger ones.
 */
export const MAX_INSPECT_ELEMENTS = 1_048_576;

/** What one command reads from stdin or a file: a bound on memory, and `--input /dev/zero` ends. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;
