/**
 * node demo.mjs --prometheus URL --otlp URL --service-name JOB [--rate 5] [--agents a,b] [--models p/m,...]
 *
 * The demo service's entry in the stack's container (components/demo/bundle.ts bundles it): the options of
 * `npm run demo`, read without its command-line library or the stack's config, so the bundle holds the
 * service and its instrumentation libraries only.
 */
import { parseArgs } from "node:util";
import { demoSettings, type DemoOptionText, type DemoSettings } from "./settings.ts";
import { runDemoInForeground } from "./foreground.ts";

const OPTIONS = ["rate", "agents", "models", "faults", "host", "port", "prometheus", "otlp", "service-name", "export-interval"] as const satisfies readonly (keyof DemoOptionText)[];

let settings: DemoSettings;
try {
  const { values } = parseArgs({ options: Object.fromEntries(OPTIONS.map((name) => [name, { type: "string" }])) as Record<(typeof OPTIONS)[number], { type: "string" }>, strict: true });
  settings = demoSettings(values as DemoOptionText);
} catch (error) {
  console.error(`demo: ${(error as Error).message}`);
  process.exit(2);
}
await runDemoInForeground(settings);
