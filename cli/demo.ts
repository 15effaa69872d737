/**
 * npm run demo -- [--rate 5] [--agents a,b] [--models openai/gpt-4o-mini,...] [--faults error-spike,...]
 *
 * The demo LLM service (demo/service.ts) in the foreground, until Ctrl-C or SIGTERM.
 */
import { runCli, UsageError } from "./commandLine/run.ts";
import { DEMO_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { demoSettings, type DemoOptionText, type DemoSettings } from "../demo/settings.ts";
import { startDemo } from "../demo/service.ts";

runCli(usageLine(DEMO_COMMAND), async (argv) => {
  const { values } = parseCommandLine(DEMO_COMMAND, argv);
  let settings: DemoSettings;
  try {
    settings = demoSettings(values as DemoOptionText);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const demo = await startDemo(settings);
  console.log(
    `Demo LLM service: ${settings.ratePerSecond} calls/s from ${settings.agents.length} agents to ${settings.models.map((m) => `${m.provider}/${m.model}`).join(", ")}.\n` +
      `  metrics  ${demo.url}/metrics (scraped as your LLM service)\n` +
      `  faults   ${demo.url}/faults (now: ${demo.faults().join(", ") || "none"}); curl -X PUT ${demo.url}/faults/error-spike, curl -X DELETE ... to end it\n` +
      `  OTLP     metrics to ${settings.prometheusUrl}, spans to ${settings.otlpUrl} as service ${settings.serviceName}\n` +
      "Ctrl-C stops it.",
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      console.log(`${signal}: stopping (flushing the last spans and metrics)...`);
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      demo.stop().then(() => resolve(), () => resolve());
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  console.log("Stopped.");
  // The exporters' retry timers would keep an unreachable stack's process alive.
  process.exit(process.exitCode ?? 0);
});
