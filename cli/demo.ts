/**
 * npm run demo -- [--rate 5] [--agents a,b] [--models openai/gpt-4o-mini,...] [--faults error-spike,...]
 *
 * The demo LLM service (demo/service.ts) in the foreground, until Ctrl-C or SIGTERM.
 */
import { runCli, UsageError } from "./commandLine/run.ts";
import { DEMO_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { demoSettings, type DemoOptionText, type DemoSettings } from "../demo/settings.ts";
import { DEMO_DEFAULTS } from "../demo/localDefaults.ts";
import { runDemoInForeground } from "../demo/foreground.ts";

runCli(usageLine(DEMO_COMMAND), async (argv) => {
  const { values } = parseCommandLine(DEMO_COMMAND, argv);
  let settings: DemoSettings;
  try {
    settings = demoSettings(values as DemoOptionText, DEMO_DEFAULTS);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  await runDemoInForeground(settings);
});
