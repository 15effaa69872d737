import type { ComponentName } from "../config/components.ts";
import type { Resources } from "./types.ts";
import { PROMETHEUS_RESOURCES } from "./prometheus/description.ts";
import { GRAFANA_RESOURCES } from "./grafana/description.ts";
import { JAEGER_RESOURCES } from "./jaeger/description.ts";
import { NODE_EXPORTER_RESOURCES } from "./nodeExporter/description.ts";
import { ALERTMANAGER_RESOURCES } from "./alertmanager/description.ts";
import { DEMO_RESOURCES } from "./demo/description.ts";

/**
 * Each component's default requests and limits, as its description uses them; config validation compares
 * an override of one side with the default of the other.
 */
export const DEFAULT_RESOURCES: Record<ComponentName, Resources> = {
  prometheus: PROMETHEUS_RESOURCES,
  grafana: GRAFANA_RESOURCES,
  jaeger: JAEGER_RESOURCES,
  "node-exporter": NODE_EXPORTER_RESOURCES,
  alertmanager: ALERTMANAGER_RESOURCES,
  demo: DEMO_RESOURCES,
};
