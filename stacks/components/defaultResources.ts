import type { ComponentName } from "./names.ts";
import type { Resources } from "./types.ts";
import { PROMETHEUS_RESOURCES } from "./prometheus.ts";
import { GRAFANA_RESOURCES } from "./grafana.ts";
import { JAEGER_RESOURCES } from "./jaeger.ts";
import { NODE_EXPORTER_RESOURCES } from "./nodeExporter.ts";

/**
 * Each component's default requests and limits, as its description uses them; config validation compares
 * an override of one side with the default of the other. A component missing here is checked only when
 * both sides are set.
 */
export const DEFAULT_RESOURCES: Partial<Record<ComponentName, Resources>> = {
  prometheus: PROMETHEUS_RESOURCES,
  grafana: GRAFANA_RESOURCES,
  jaeger: JAEGER_RESOURCES,
  "node-exporter": NODE_EXPORTER_RESOURCES,
};
