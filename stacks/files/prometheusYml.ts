import type { DescribeContext } from "../components/context.ts";
import type { ComponentName } from "../components/names.ts";
import { generatedYaml } from "./yaml.ts";

/** The ports the stack's own components expose metrics on, scraped by Prometheus. */
export interface SelfScrapeTarget {
  component: ComponentName;
  port: number;
  metricsPath: string;
}

export interface PrometheusYmlInput {
  /** The stack's own components that expose metrics. */
  selfTargets: SelfScrapeTarget[];
  /** Alertmanager's address, when the stack has one. */
  alertmanager?: string;
}

/**
 * prometheus.yml: the user's LLM service, the stack's own components, the project's rule files.
 * Rule files are referenced relative to this file, so the same file works in the container
 * (/etc/prometheus) and from a render directory.
 */
export function renderPrometheusYml(ctx: DescribeContext, input: PrometheusYmlInput): string {
  const { config } = ctx;
  const service = config.llmService;
  const document = {
    global: {
      scrape_interval: config.prometheus.scrapeInterval,
      evaluation_interval: config.prometheus.evaluationInterval,
    },
    rule_files: ["rules/*.yml"],
    ...(input.alertmanager
      ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [input.alertmanager] }] }] } }
      : {}),
    scrape_configs: [
      {
        job_name: service.jobName,
        metrics_path: service.metricsPath,
        scheme: service.scheme,
        static_configs: [{ targets: service.targets }],
      },
      ...input.selfTargets.map((target) => ({
        job_name: target.component,
        metrics_path: target.metricsPath,
        static_configs: [{ targets: [ctx.peer(target.component, target.port)] }],
      })),
    ],
    // Services pushing OTLP metrics can deliver samples late; accept them (Prometheus >= 2.39).
    storage: { tsdb: { out_of_order_time_window: "30m" } },
  };
  return generatedYaml("stacks/files/prometheusYml.ts", document);
}
