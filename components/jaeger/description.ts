import type { DescribeContext } from "../context.ts";
import type { ComponentDescription, Resources } from "../types.ts";
import { describeComponent } from "../describeComponent.ts";
import { JAEGER_PORTS, renderJaegerConfig } from "./jaegerConfig.ts";
import { PROMETHEUS_PORT } from "../prometheus/description.ts";
import { traceStorage } from "./traceStorage.ts";

// The image declares /tmp as its volume and runs as uid 10001; a volume mounted there is writable by it.
const DATA_DIR = "/tmp";

/** The scrape job of the metrics Jaeger derives from spans. */
export const SPAN_METRICS_JOB = "jaeger-spanmetrics";

export const JAEGER_RESOURCES: Resources = { cpuRequest: "100m", cpuLimit: "1", memoryRequest: "256Mi", memoryLimit: "1Gi" };

/**
 * Jaeger v2: traces over OTLP (and the v1 collector endpoint), kept in Badger on a volume, or in a shared
 * store (then Jaeger has no volume); the metrics it derives from them are scraped by Prometheus and shown
 * in its Monitor tab. Replicas (cluster target, shared store only) are identical: each receives spans,
 * derives span metrics from the ones it receives (Prometheus scrapes each and the rules sum them) and
 * serves the UI from the shared store.
 */
export function describeJaeger(ctx: DescribeContext): ComponentDescription {
  const { config } = ctx;
  const storage = traceStorage(ctx, DATA_DIR);
  return describeComponent(ctx, "jaeger", {
    args: ["--config=/etc/jaeger/config.yaml"],
    ports: [
      {
        name: "ui",
        containerPort: JAEGER_PORTS.ui,
        hostPortKey: "jaegerUi",
        purpose: "Jaeger UI and query API",
        url: { scheme: "http", path: "" },
      },
      {
        name: "otlp-grpc",
        containerPort: JAEGER_PORTS.otlpGrpc,
        hostPortKey: "otlpGrpc",
        purpose: "OTLP traces over gRPC",
        url: { scheme: "grpc" },
      },
      {
        name: "otlp-http",
        containerPort: JAEGER_PORTS.otlpHttp,
        hostPortKey: "otlpHttp",
        purpose: "OTLP traces over HTTP (SDKs post to /v1/traces)",
        url: { scheme: "http", path: "" },
      },
      {
        name: "collector",
        containerPort: JAEGER_PORTS.collectorThriftHttp,
        hostPortKey: "jaegerCollector",
        purpose: "Jaeger v1 collector endpoint (Thrift over HTTP), for JAEGER_ENDPOINT clients",
        url: { scheme: "http", path: "/api/traces" },
      },
      {
        name: "health",
        containerPort: JAEGER_PORTS.health,
        purpose: "health check",
        url: { scheme: "http", path: "/status" },
      },
      {
        name: "metrics",
        containerPort: JAEGER_PORTS.metrics,
        purpose: "Jaeger's own metrics",
        url: { scheme: "http", path: "/metrics" },
      },
      {
        name: "span-metrics",
        containerPort: JAEGER_PORTS.spanMetrics,
        purpose: "metrics derived from the spans (calls, errors, latency), for Prometheus",
        url: { scheme: "http", path: "/metrics" },
      },
    ],
    ui: "ui",
    replicas: config.jaeger.replicas,
    ...(config.jaeger.storage ? {} : { data: { mountPath: DATA_DIR, size: "10Gi" } }),
    configFiles: [{ path: "config.yaml", mountPath: "/etc/jaeger/config.yaml", content: renderJaegerConfig(config, storage, `http://${ctx.peer("prometheus", PROMETHEUS_PORT)}`) }],
    secretFiles: storage.secretFiles,
    healthCheck: {
      port: JAEGER_PORTS.health,
      path: "/status",
      // Badger replays its value log when it opens a store after an unclean stop; until then /status says not ready.
      startSeconds: 300,
    },
    resources: JAEGER_RESOURCES,
    runAs: { user: 10001, group: 10001 },
    metrics: { port: JAEGER_PORTS.metrics, path: "/metrics" },
    derivedMetrics: { job: SPAN_METRICS_JOB, port: JAEGER_PORTS.spanMetrics, path: "/metrics" },
    // The Monitor tab reads the span metrics back from Prometheus.
    talksTo: ["prometheus"],
    // A shared store may be on the Docker host (host.docker.internal).
    reachesHost: config.jaeger.storage !== undefined,
  });
}
