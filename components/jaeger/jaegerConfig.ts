import type { StackConfig } from "../../config/schema.ts";
import { generatedYaml } from "../generatedYaml.ts";

export const JAEGER_PORTS = {
  ui: 16686,
  otlpGrpc: 4317,
  otlpHttp: 4318,
  /** The legacy collector endpoint (Thrift over HTTP at /api/traces) that JAEGER_ENDPOINT users post to. */
  collectorThriftHttp: 14268,
  health: 13133,
  metrics: 8888,
} as const;

/**
 * Jaeger v2 is an OpenTelemetry Collector distribution configured by one YAML file: OTLP (gRPC and HTTP)
 * plus the `jaeger` receiver's thrift_http protocol, which keeps http://localhost:14268/api/traces working
 * for clients of Jaeger v1's collector; traces go to Badger under `dataDir`.
 */
export function renderJaegerConfig(config: StackConfig, dataDir: string): string {
  const listen = (port: number) => `0.0.0.0:${port}`;
  const document = {
    service: {
      extensions: ["jaeger_storage", "jaeger_query", "healthcheckv2"],
      pipelines: {
        traces: {
          receivers: ["otlp", "jaeger"],
          processors: ["batch"],
          exporters: ["jaeger_storage_exporter"],
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
      jaeger_query: { storage: { traces: "badger_store" } },
      jaeger_storage: {
        backends: {
          badger_store: {
            badger: {
              directories: { keys: `${dataDir}/badger/keys`, values: `${dataDir}/badger/values` },
              ephemeral: false,
              ttl: { spans: config.jaeger.spanRetention },
            },
          },
        },
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
    exporters: { jaeger_storage_exporter: { trace_storage: "badger_store" } },
  };
  return generatedYaml("stacks/files/jaegerConfig.ts", document);
}
