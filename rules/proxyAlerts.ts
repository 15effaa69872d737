import type { StackConfig } from "../config/schema.ts";
import { llmServiceJobs } from "../config/scrapeChecks.ts";
import { nameOf } from "../metrics/catalog/metrics.ts";
import type { AlertingRule, RuleGroup } from "./model.ts";
import { runbookUrl } from "./runbook.ts";

/** Seed 003's alerts, by name: the dashboards and the README refer to them. */
export const PROXY_ALERTS = {
  proxyDown: "LLMProxyDown",
  contextServiceDown: "ContextServiceDown",
  providerUnhealthy: "ProviderUnhealthy",
} as const;

/** The seed's down alerts, each with the job it watches, for the jobs `llmService` lists. */
function downAlerts(config: StackConfig): { job: string; rule: AlertingRule }[] {
  const { proxyJob, contextServiceJob, downFor } = config.llmProxy;
  const listed = llmServiceJobs(config);
  const down = (alert: string, job: string, severity: "critical" | "warning", what: string, consequence: string): { job: string; rule: AlertingRule } => ({
    job,
    rule: {
      alert,
      expr: `up{job=${JSON.stringify(job)}} == 0`,
      for: downFor,
      labels: { severity },
      annotations: {
        summary: `${what} {{ $labels.instance }} is down`,
        description: `Prometheus has failed to scrape ${what.toLowerCase()} {{ $labels.instance }} (job {{ $labels.job }}) for ${downFor}; ${consequence} up = {{ $value }}.`,
        runbook_url: runbookUrl(config, alert),
      },
    },
  });
  return [
    down(PROXY_ALERTS.proxyDown, proxyJob, "critical", "The LLM proxy", "calls through it fail, and its metrics are missing."),
    down(PROXY_ALERTS.contextServiceDown, contextServiceJob, "warning", "The context service", "contexts are not condensed, and its metrics are missing."),
  ].filter(({ job }) => listed.includes(job));
}

/** The LLM services' jobs that have a down alert of their own here, which LLMServiceDown leaves to it. */
export function jobsWithOwnDownAlert(config: StackConfig): string[] {
  return downAlerts(config).map(({ job }) => job);
}

/**
 * Seed 003's alerts: the LLM proxy down (critical) and the context service down (warning), each for the
 * job config names when `llmService` lists it; and a provider the health worker finds unhealthy. The seed's
 * third alert, HighMemoryUsage, is the stack's HostMemoryHigh (rules/stackHealth.ts): the same expression,
 * threshold and `for`.
 */
export function proxyAlertRules(config: StackConfig): RuleGroup {
  const { providerUnhealthyFor } = config.llmProxy;
  const providerStatus = nameOf("proxy", "providerStatus");
  return {
    name: "llmobs-llm-proxy",
    rules: [
      ...downAlerts(config).map(({ rule }) => rule),
      {
        alert: PROXY_ALERTS.providerUnhealthy,
        expr: `${providerStatus} == 0`,
        for: providerUnhealthyFor,
        labels: { severity: "warning" },
        annotations: {
          summary: "LLM provider {{ $labels.provider }} is unhealthy",
          description:
            `The health worker {{ $labels.instance }} (job {{ $labels.job }}) has found provider {{ $labels.provider }} unhealthy for ${providerUnhealthyFor}: ` +
            "calls to it fail or are sent elsewhere. provider_status = {{ $value }}.",
          runbook_url: runbookUrl(config, PROXY_ALERTS.providerUnhealthy),
        },
      },
    ],
  };
}
