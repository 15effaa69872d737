/**
 * npm run images -- [--stack local|cluster]
 *
 * Prints the image of every component of a stack, one per line, as the stack will run them (pins and
 * config overrides applied): `npm run --silent images | xargs -n1 docker pull` warms a machine.
 */
import { readStackFile } from "../config/fromStackFile.ts";
import { describeStack } from "../components/stack.ts";
import { runCli } from "./commandLine/run.ts";
import { IMAGES_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";

runCli(usageLine(IMAGES_COMMAND), (argv) => {
  const stack = String(parseCommandLine(IMAGES_COMMAND, argv).values["stack"]);
  for (const component of describeStack(readStackFile(stack, STACK_FACTS)).components) console.log(component.image);
});
