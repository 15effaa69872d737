import type { StackConfig } from "../config/schema.ts";
import { describeContext, type DescribeOverrides } from "./context.ts";
import type { StackDescription } from "./types.ts";
import { describePrometheus } from "./prometheus/description.ts";
import { describeGrafana } from "./grafana/description.ts";
import { describeJaeger } from "./jaeger/description.ts";
import { describeNodeExporter } from "./nodeExporter/description.ts";
import { describeAlertmanager } from "./alertmanager/description.ts";
import { renderRuleFiles } from "./prometheus/ruleFiles.ts";
import { renderDashboards } from "../dashboards/index.ts";

/**
 * The whole stack, described once for every target: each component with its image, ports, data, health
 * check and the config files rendered from code (rules from alerts/, dashboards from dashboards/).
 */
export function describeStack(config: StackConfig, overrides: DescribeOverrides = {}): StackDescription {
  const ctx = describeContext(config, overrides);
  const jaeger = describeJaeger(ctx);
  // Left out where the cluster refuses it (GKE Autopilot) or already runs one.
  const nodeExporter = config.nodeExporter.enabled ? [describeNodeExporter(ctx)] : [];
  const alertmanager = describeAlertmanager(ctx, { webhookConfigured: config.secretsSet.includes("alertmanagerWebhookUrl") });
  const grafana = describeGrafana(ctx, renderDashboards(config), { alertmanager: true });
  const prometheus = describePrometheus(ctx, [grafana, jaeger, ...nodeExporter, alertmanager], renderRuleFiles(config));
  return { namePrefix: config.namePrefix, components: [prometheus, grafana, jaeger, ...nodeExporter, alertmanager] };
}
