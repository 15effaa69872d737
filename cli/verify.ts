/**
 * npm run verify -- [--stack local|cluster] [--wait <seconds>]
 *
 * Talks to the running stack as a user would and prints one line per check; exits 1 when any fails.
 * `npm run up` runs it at the end. On Kubernetes it goes through the port-forwards the README gives.
 */
import { readStackFile } from "../config/fromStackFile.ts";
import { runCli, UsageError } from "./commandLine/run.ts";
import { VERIFY_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { verifyRunningStack } from "./verify/verifyRunningStack.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";

runCli(usageLine(VERIFY_COMMAND), async (argv) => {
  const { values } = parseCommandLine(VERIFY_COMMAND, argv);
  const stack = String(values["stack"]);
  const waitSeconds = Number(values["wait"]);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UsageError(`--wait must be a number of seconds, not ${JSON.stringify(values["wait"])}`);
  const config = readStackFile(stack, STACK_FACTS);
  console.log(`Verify stack "${stack}" (${config.target}):`);
  process.exitCode = await verifyRunningStack(stack, config, { waitSeconds });
});
