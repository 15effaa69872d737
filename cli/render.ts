/**
 * npm run render -- --out DIR [--stack local|cluster]
 *
 * Writes every file the stack generates (Prometheus config and rules, Grafana provisioning and dashboards,
 * Jaeger and Alertmanager config), byte for byte what the program ships, without the Pulumi CLI or Docker.
 * A secret the stack needs but does not set yet is said, not refused: no rendered file holds its value.
 */
import { readStackFileWithUnsetSecrets } from "../config/fromStackFile.ts";
import { describeStack } from "../components/stack.ts";
import { renderedFiles } from "../components/renderedFiles.ts";
import { writeRenderedFiles } from "./render/writeFiles.ts";
import { configWarnings, formatWarning } from "../config/warnings.ts";
import { runCli } from "./commandLine/run.ts";
import { RENDER_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";

runCli(usageLine(RENDER_COMMAND), (argv) => {
  const { values: options } = parseCommandLine(RENDER_COMMAND, argv);
  const values = { out: String(options["out"]), stack: String(options["stack"]) };
  // Rendered files name where each secret is read from, never its value: an example stack renders before its secrets are set.
  const { config, unsetSecrets } = readStackFileWithUnsetSecrets(values.stack, STACK_FACTS);
  for (const problem of unsetSecrets) console.error(`warning: rendered without a secret npm run up needs: ${problem.key}: ${problem.message}`);
  for (const warning of configWarnings(config, STACK_FACTS)) console.error(`warning: ${formatWarning(warning)}`);
  const report = writeRenderedFiles(renderedFiles(describeStack(config)), values.out);
  for (const path of report.written) console.log(`wrote   ${values.out}/${path}`);
  for (const path of report.removed) console.log(`removed ${values.out}/${path} (no longer generated)`);
});
