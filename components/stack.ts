import type { StackConfig } from "../config/schema.ts";
import { describeContext, type DescribeOverrides } from "./context.ts";
import type { ComponentDescription, StackDescription } from "./types.ts";
import { COMPONENT_NAMES, type ComponentName } from "../config/components.ts";
import { describePrometheus } from "./prometheus/description.ts";
import { describeGrafana } from "./grafana/description.ts";
import { describeJaeger } from "./jaeger/description.ts";
import { describeNodeExporter } from "./nodeExporter/description.ts";
import { describeAlertmanager } from "./alertmanager/description.ts";
import { describeDemo } from "./demo/description.ts";
import { demoBundle } from "./demo/bundle.ts";
import { renderRuleFiles } from "./prometheus/renderedRuleFiles.ts";
import { renderDashboards } from "../dashboards/index.ts";

/**
 * The whole stack, described once for every target: each component with its image, ports, data, health
 * check and the config files rendered from code (rules from rules/, dashboards from dashboards/), in the
 * order of config/components.ts.
 */
export function describeStack(config: StackConfig, overrides: DescribeOverrides = {}): StackDescription {
  const ctx = describeContext(config, overrides);
  const peers: Described = {
    grafana: describeGrafana(ctx, renderDashboards(config), { alertmanager: true }),
    jaeger: describeJaeger(ctx),
    // Left out where the cluster refuses it (GKE Autopilot) or already runs one.
    ...(config.nodeExporter.enabled ? { "node-exporter": describeNodeExporter(ctx) } : {}),
    alertmanager: describeAlertmanager(ctx, { webhookConfigured: config.secretsSet.includes("alertmanagerWebhookUrl") }),
    // Off unless `demo.enabled`: then nothing of it is rendered.
    ...(config.demo.enabled ? { demo: describeDemo(ctx, demoBundle()) } : {}),
  };
  const prometheus = describePrometheus(ctx, inOrder(peers), renderRuleFiles(config));
  return { namePrefix: config.namePrefix, components: inOrder({ prometheus, ...peers }) };
}

type Described = Partial<Record<ComponentName, ComponentDescription>>;

function inOrder(described: Described): ComponentDescription[] {
  return COMPONENT_NAMES.flatMap((name) => described[name] ?? []);
}
