import type { ComponentName } from "./names.ts";

/**
 * The one place image versions are pinned. Stack config `images.<component>` overrides a pin.
 *
 * Prometheus-side files are checked in the test suite with Debian's Prometheus 2.42 / Alertmanager 0.25;
 * the generated config and rules use nothing newer than those accept, so these pinned 3.x / 0.28
 * images accept exactly the same files.
 */
export const PINNED_IMAGES: Record<ComponentName, string> = {
  prometheus: "prom/prometheus:v3.7.3",
  grafana: "grafana/grafana:12.3.1",
  // Jaeger v2 (an OpenTelemetry Collector distribution); v1 and all-in-one reached end of life in 2025.
  jaeger: "jaegertracing/jaeger:2.19.0",
  "node-exporter": "prom/node-exporter:v1.10.2",
  alertmanager: "prom/alertmanager:v0.28.1",
};
