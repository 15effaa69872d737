import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import type { Resource } from "@opentelemetry/resources";
import { catalogMetric, type MetricId } from "../metrics/catalog/metrics.ts";
import type { DemoCall } from "../synthetic/demoWorkload.ts";
import { CHAT, GEN_AI } from "./genAiAttributes.ts";

/**
 * The GenAI semantic conventions' server metrics (time to first token, time per output token), recorded
 * with the OpenTelemetry metrics SDK and pushed over OTLP/HTTP to Prometheus' OTLP receiver. Only these
 * two: the demo's calls, tokens and latency are already seed 004's prom-client metrics, and recording them
 * twice (gen_ai.client.*) would count every call twice on the canonical series.
 */
export class GenAiMetrics {
  private readonly provider: MeterProvider;
  private readonly ttft;
  private readonly timePerOutputToken;

  constructor(resource: Resource, otlpMetricsUrl: string, exportIntervalMillis: number) {
    this.provider = new MeterProvider({
      resource,
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new OTLPMetricExporter({ url: otlpMetricsUrl }),
          exportIntervalMillis,
          exportTimeoutMillis: Math.min(exportIntervalMillis, 10_000),
        }),
      ],
    });
    const meter = this.provider.getMeter("llmobs-demo");
    // The conventions' advised bucket boundaries, as the catalog lists them.
    const advice = (id: MetricId<"genai">) => ({ explicitBucketBoundaries: [...catalogMetric("genai", id).buckets!] });
    this.ttft = meter.createHistogram("gen_ai.server.time_to_first_token", {
      unit: "s",
      description: "Time to generate the first token for successful responses",
      advice: advice("ttft"),
    });
    this.timePerOutputToken = meter.createHistogram("gen_ai.server.time_per_output_token", {
      unit: "s",
      description: "Time per output token generated after the first token for successful responses",
      advice: advice("timePerOutputToken"),
    });
  }

  /** A successful model call: its first token, and its decoding speed. */
  finished(call: DemoCall): void {
    if (call.ttftSeconds === undefined || call.secondsPerOutputToken === undefined) return;
    const attributes = { [GEN_AI.operationName]: CHAT, [GEN_AI.providerName]: call.model.provider, [GEN_AI.requestModel]: call.model.model };
    this.ttft.record(call.ttftSeconds, attributes);
    this.timePerOutputToken.record(call.secondsPerOutputToken, attributes);
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}
