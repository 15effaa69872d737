/**
 * npm run preflight -- [--stack local|cluster]
 *
 * Checks what `npm run up` needs before it changes anything; `up` runs it first.
 */
import { readStackFile } from "../config/fromStackFile.ts";
import { runCli } from "./commandLine/run.ts";
import { PREFLIGHT_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { exec } from "./preflight/exec.ts";
import { preflight } from "./preflight/run.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";

runCli(usageLine(PREFLIGHT_COMMAND), async (argv) => {
  const stack = String(parseCommandLine(PREFLIGHT_COMMAND, argv).values["stack"]);
  const config = readStackFile(stack, STACK_FACTS);
  console.log(`Preflight for stack "${stack}" (${config.target}):`);
  await preflight(config, exec, console.log, { stackName: stack });
  console.log("Ready.");
});
