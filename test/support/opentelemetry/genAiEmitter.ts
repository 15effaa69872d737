import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { catalogMetric } from "../../../metrics/catalog/metrics.ts";

/** One model a GenAI client calls, and how its calls go. */
export interface GenAiModel {
  model: string;
  provider: string;
  /** Every `failEvery`-th call fails with error.type "timeout". */
  failEvery: number;
  durationSeconds: number;
  ttftSeconds: number;
  tokensPerSecond: number;
  inputTokens: number;
  outputTokens: number;
}

export interface GenAiEmitter {
  /** One call to each model, recorded as the GenAI semantic conventions say. */
  call(): void;
  shutdown(): Promise<void>;
}

/**
 * A service instrumented with the OpenTelemetry JS metrics SDK after the GenAI semantic conventions
 * (instrument names, units, attributes and advised buckets), pushing over OTLP/HTTP (protobuf) every second.
 */
export function genAiEmitter(service: string, otlpMetricsUrl: string, models: GenAiModel[]): GenAiEmitter {
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ "service.name": service }),
    readers: [
      new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: otlpMetricsUrl }), exportIntervalMillis: 1000, exportTimeoutMillis: 900 }),
    ],
  });
  const meter = provider.getMeter("llmobs-genai-client");
  // The advised buckets are the conventions', as the catalog lists them.
  const buckets = (name: string) => ({ explicitBucketBoundaries: catalogMetric(name, "genai").buckets! });
  const duration = meter.createHistogram("gen_ai.client.operation.duration", { unit: "s", advice: buckets("gen_ai_client_operation_duration_seconds") });
  const tokens = meter.createHistogram("gen_ai.client.token.usage", { unit: "{token}", advice: buckets("gen_ai_client_token_usage") });
  const ttft = meter.createHistogram("gen_ai.server.time_to_first_token", { unit: "s", advice: buckets("gen_ai_server_time_to_first_token_seconds") });
  const tpot = meter.createHistogram("gen_ai.server.time_per_output_token", { unit: "s", advice: buckets("gen_ai_server_time_per_output_token_seconds") });
  let calls = 0;
  return {
    call() {
      calls++;
      for (const m of models) {
        const attributes = { "gen_ai.operation.name": "chat", "gen_ai.provider.name": m.provider, "gen_ai.request.model": m.model };
        if (calls % m.failEvery === 0) {
          duration.record(m.durationSeconds, { ...attributes, "error.type": "timeout" });
          continue;
        }
        duration.record(m.durationSeconds, attributes);
        tokens.record(m.inputTokens, { ...attributes, "gen_ai.token.type": "input" });
        tokens.record(m.outputTokens, { ...attributes, "gen_ai.token.type": "output" });
        ttft.record(m.ttftSeconds, attributes);
        tpot.record(1 / m.tokensPerSecond, attributes);
      }
    },
    shutdown: () => provider.shutdown(),
  };
}
