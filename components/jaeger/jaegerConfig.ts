import type { StackConfig } from "../../config/schema.ts";
import { SPAN_METRICS, SPAN_METRICS_PREFIX } from "../../metrics/catalog/spanMetrics.ts";
import { generatedYaml } from "../generatedYaml.ts";
import type { TraceStorage } from "./traceStorage.ts";

export const JAEGER_PORTS = {
  ui: 16686,
  otlpGrpc: 4317,
  otlpHttp: 4318,
  /** The legacy collector endpoint (Thrift over HTTP at /api/traces) that JAEGER_ENDPOINT users post to. */
  collectorThriftHttp: 14268,
  health: 13133,
  metrics: 8888,
  /** The span metrics (calls, errors and latency per service, operation, model and provider), for Prometheus. */
  spanMetrics: 8889,
} as const;

/** The metrics store the Monitor tab reads: the span metrics, back from Prometheus. */
const METRIC_STORE = "prometheus_store";

/** Seconds as a Go duration: 0.25 -> "250ms", 2.5 -> "2.5s". */
function goDuration(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)}ms` : `${seconds}s`;
}

/**
 * Jaeger v2 is an OpenTelemetry Collector distribution configured by one YAML file: OTLP (gRPC and HTTP)
 * plus the `jaeger` receiver's thrift_http protocol, which keeps http://localhost:14268/api/traces working
 * for clients of Jaeger v1's collector; traces go to `traceStorage` (Badger on Jaeger's volume, or a shared store).
 *
 * Every span also feeds the spanmetrics connector, whose calls and durations (by service, operation, kind,
 * status and the GenAI attributes) the Prometheus exporter serves for Prometheus to scrape: errors for
 * services whose metrics record no failed calls. The Monitor tab reads the same series back from
 * Prometheus at `prometheusUrl`.
 */
export function renderJaegerConfig(config: StackConfig, traceStorage: TraceStorage, prometheusUrl: string): string {
  const listen = (port: number) => `0.0.0.0:${port}`;
  const document = {
    service: {
      extensions: ["jaeger_storage", "jaeger_query", "healthcheckv2"],
      pipelines: {
        traces: {
          receivers: ["otlp", "jaeger"],
          processors: ["batch"],
          exporters: ["jaeger_storage_exporter", "spanmetrics"],
        },
        "metrics/spanmetrics": {
          receivers: ["spanmetrics"],
          exporters: ["prometheus"],
        },
      },
      telemetry: {
        resource: { "service.name": "jaeger" },
        metrics: {
          level: "detailed",
          readers: [{ pull: { exporter: { prometheus: { host: "0.0.0.0", port: JAEGER_PORTS.metrics } } } }],
        },
        logs: { level: "info" },
      },
    },
    extensions: {
      healthcheckv2: { use_v2: true, http: { endpoint: listen(JAEGER_PORTS.health) } },
      // The UI and query API listen on :16686 (all interfaces) by default.
      jaeger_query: { storage: { traces: traceStorage.name, metrics: METRIC_STORE } },
      jaeger_storage: {
        backends: { [traceStorage.name]: traceStorage.backend },
        metric_backends: {
          [METRIC_STORE]: {
            prometheus: {
              endpoint: prometheusUrl,
              metric_namespace: SPAN_METRICS_PREFIX,
              latency_unit: SPAN_METRICS.durationUnit,
              normalize_calls: true,
              normalize_duration: true,
            },
          },
        },
      },
    },
    connectors: {
      spanmetrics: {
        namespace: SPAN_METRICS.namespace,
        dimensions: SPAN_METRICS.dimensions.map((name) => ({ name })),
        histogram: { unit: SPAN_METRICS.durationUnit, explicit: { buckets: SPAN_METRICS.durationBuckets.map(goDuration) } },
        // Fresh at every scrape, and a model no longer called stops being exported after a while.
        metrics_flush_interval: config.prometheus.scrapeInterval,
        metrics_expiration: "1h",
      },
    },
    receivers: {
      otlp: {
        protocols: {
          grpc: { endpoint: listen(JAEGER_PORTS.otlpGrpc) },
          http: { endpoint: listen(JAEGER_PORTS.otlpHttp) },
        },
      },
      jaeger: { protocols: { thrift_http: { endpoint: listen(JAEGER_PORTS.collectorThriftHttp) } } },
    },
    processors: { batch: {} },
    exporters: {
      jaeger_storage_exporter: { trace_storage: traceStorage.name },
      prometheus: { endpoint: listen(JAEGER_PORTS.spanMetrics) },
    },
  };
  return generatedYaml("stacks/files/jaegerConfig.ts", document);
}
