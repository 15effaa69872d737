/**
 * A Node.js service that calls an LLM through the `openai` client, instrumented with OpenLIT the way its
 * README says (Openlit.init, the OpenAI module handed to it for ES modules), with its metrics going where
 * the service's own OpenTelemetry setup sends them:
 *
 *   node --import tsx openlitService.ts <settings JSON>
 *
 * settings: { service, upstream, traces (OTLP/HTTP base URL), metrics: { prometheusPort } | { otlpUrl },
 * calls, models }. It prints "ready" once instrumented, runs the calls when a line "run" arrives on stdin,
 * prints "done <JSON of what each call did>", and keeps serving until killed.
 */
import { createInterface } from "node:readline";
import { metrics } from "@opentelemetry/api";
import { MeterProvider, PeriodicExportingMetricReader, type MetricReader } from "@opentelemetry/sdk-metrics";
import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import type { ModelProfile, PlannedCall } from "./world.ts";
import { runCalls } from "./openaiCalls.ts";

interface Settings {
  service: string;
  upstream: string;
  traces: string;
  metrics: { prometheusPort: number } | { otlpUrl: string; exportMillis: number };
  calls: PlannedCall[];
  models: ModelProfile[];
}

const settings = JSON.parse(process.argv[2]!) as Settings;

// The service's own OpenTelemetry metrics setup; OpenLIT records into the global meter provider it finds.
const reader: MetricReader =
  "prometheusPort" in settings.metrics
    ? new PrometheusExporter({ host: "127.0.0.1", port: settings.metrics.prometheusPort })
    : new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: settings.metrics.otlpUrl }), exportIntervalMillis: settings.metrics.exportMillis });
metrics.setGlobalMeterProvider(new MeterProvider({ resource: resourceFromAttributes({ "service.name": settings.service }), readers: [reader] }));

const openlitModule = (await import("openlit")) as unknown as { default: { default?: OpenlitApi } & OpenlitApi };
interface OpenlitApi {
  init(options: Record<string, unknown>): void;
}
const Openlit: OpenlitApi = openlitModule.default.default ?? openlitModule.default;
const openaiModule = await import("openai");

// OpenLIT's prices are US dollars per 1,000 tokens, as the world's are.
const pricing = { chat: Object.fromEntries(settings.models.map((m) => [m.model, { promptPrice: m.promptUsdPer1k, completionPrice: m.completionUsdPer1k }])) };
Openlit.init({
  applicationName: settings.service,
  environment: "conformance",
  otlpEndpoint: settings.traces,
  disableEvents: true,
  instrumentations: { openai: openaiModule },
  pricingJson: pricing,
});

const client = new openaiModule.default({ baseURL: settings.upstream, apiKey: "sk-conformance", maxRetries: 0 });
console.log("ready");

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== "run") continue;
  const outcomes = await runCalls(client, settings.calls);
  console.log(`done ${JSON.stringify(outcomes)}`);
}
