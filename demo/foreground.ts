import type { DemoSettings } from "./settings.ts";
import { startDemo } from "./service.ts";

/**
 * Runs the demo service in the foreground until SIGINT or SIGTERM (Ctrl-C, `docker stop`, a pod's end),
 * then flushes its last spans and metrics and exits: `npm run demo` and the stack's demo container alike.
 */
export async function runDemoInForeground(settings: DemoSettings): Promise<never> {
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
}
