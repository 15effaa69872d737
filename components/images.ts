import type { ComponentName } from "../config/components.ts";

/**
 * The one place image versions are pinned. Stack config `images.<component>` overrides a pin.
 *
 * The tests run these exact versions of Prometheus, Alertmanager, node_exporter and Jaeger, built from
 * their Go modules by `npm run tools` (tools/<component>/go.mod); a test fails when the two disagree.
 */
export const PINNED_IMAGES: Record<ComponentName, string> = {
  prometheus: "prom/prometheus:v3.7.3",
  grafana: "grafana/grafana:12.3.1",
  // Jaeger v2 (an OpenTelemetry Collector distribution); v1 and all-in-one reached end of life in 2025.
  jaeger: "jaegertracing/jaeger:2.19.0",
  "node-exporter": "prom/node-exporter:v1.10.2",
  alertmanager: "prom/alertmanager:v0.28.1",
  // The demo's service runs on Node: the version the tests run its bundle on (its digest was not checked
  // here, offline). Alpine, for busybox's wget, which Docker's health check runs.
  demo: "node:20.20.2-alpine",
};
