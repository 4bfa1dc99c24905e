import type { CommandDefinition } from "./context.js";
import { exportDefinition } from "./export.js";
import { inspectDefinition } from "./inspect.js";
import { trainStepLossDefinition } from "./train-step-loss.js";
import { trainDefinition } from "./train.js";

/** kiln's subcommands, in the order the help lists them. */
export const commandDefinitions: readonly CommandDefinition[] = [trainDefinition, trainStepLossDefinition, inspectDefinition, exportDefinition];
