import type { StackConfig } from "../config/schema.ts";
import { describeContext, type DescribeContext } from "./context.ts";
import type { StackDescription } from "./types.ts";
import { describePrometheus } from "./prometheus.ts";
import { describeGrafana } from "./grafana.ts";
import { describeJaeger } from "./jaeger.ts";
import { describeNodeExporter } from "./nodeExporter.ts";
import { renderRuleFiles } from "../../alerts/index.ts";
import { renderDashboards } from "../../dashboards/index.ts";

/**
 * The whole stack, described once for every target: each component with its image, ports, data, health
 * check and the config files rendered from code (rules from alerts/, dashboards from dashboards/).
 */
export function describeStack(config: StackConfig, peer?: DescribeContext["peer"]): StackDescription {
  const ctx = describeContext(config, peer);
  const jaeger = describeJaeger(ctx);
  const nodeExporter = describeNodeExporter(ctx);
  const grafana = describeGrafana(ctx, renderDashboards(config), { alertmanager: false });
  const prometheus = describePrometheus(ctx, [grafana, jaeger, nodeExporter], renderRuleFiles(config));
  return { namePrefix: config.namePrefix, components: [prometheus, grafana, jaeger, nodeExporter] };
}
