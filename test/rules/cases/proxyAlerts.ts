import type { StackConfig } from "../../../config/schema.ts";
import { runbookUrl } from "../../../rules/runbook.ts";
import type { AlertScenario, RuleFileTests } from "./model.ts";

/**
 * Scenarios for rules/proxyAlerts.ts, with the config's seed 003 jobs (llm-proxy, context-service,
 * health-worker) and every wait at its default of 5 minutes.
 */
export function proxyAlertTests(config: StackConfig): RuleFileTests {
  const { proxyJob, contextServiceJob } = config.llmProxy;
  const down = (alert: string, job: string, severity: "critical" | "warning", instance: string, what: string, consequence: string): AlertScenario[] => [
    {
      alert,
      severities: [severity],
      kind: "fires",
      name: `${what} cannot be scraped for 5 minutes`,
      series: [
        { series: `up{job="${job}",instance="${instance}"}`, values: "1 1 0x10" },
        // The other services up: only this one's alert fires.
        { series: 'up{job="health-worker",instance="worker:8002"}', values: "1x12" },
      ],
      at: "8m",
      alerts: [
        {
          labels: { severity, job, instance },
          annotations: {
            summary: `${what} ${instance} is down`,
            description: `Prometheus has failed to scrape ${what.toLowerCase()} ${instance} (job ${job}) for 5m; ${consequence} up = 0.`,
            runbook_url: runbookUrl(config, alert),
          },
        },
      ],
    },
    {
      alert,
      severities: [severity],
      kind: "silent",
      name: "down for 4 minutes, less than its for; another service down does not count",
      series: [
        { series: `up{job="${job}",instance="${instance}"}`, values: "1 1 0 0 0 0 1x10" },
        { series: 'up{job="health-worker",instance="worker:8002"}', values: "0x12" },
      ],
      at: "6m",
    },
    {
      alert,
      severities: [severity],
      kind: "resolves",
      name: "scraped again after an outage",
      series: [{ series: `up{job="${job}",instance="${instance}"}`, values: "1 1 0x8 1x10" }],
      at: "12m",
    },
  ];
  const status = (values: string) => [{ series: 'provider_status{job="health-worker",instance="worker:8002",provider="openai"}', values }];
  return {
    ruleFile: "llm-proxy.yml",
    scenarios: [
      ...down("LLMProxyDown", proxyJob, "critical", "proxy:8000", "The LLM proxy", "calls through it fail, and its metrics are missing."),
      ...down("ContextServiceDown", contextServiceJob, "warning", "context:8001", "The context service", "contexts are not condensed, and its metrics are missing."),
      {
        alert: "ProviderUnhealthy",
        severities: ["warning"],
        kind: "fires",
        name: "a provider unhealthy at every check for 5 minutes",
        series: [...status("1 1 0x10"), { series: 'provider_status{job="health-worker",instance="worker:8002",provider="anthropic"}', values: "1x12" }],
        at: "8m",
        alerts: [
          {
            labels: { severity: "warning", job: "health-worker", instance: "worker:8002", provider: "openai" },
            annotations: {
              summary: "LLM provider openai is unhealthy",
              description:
                "The health worker worker:8002 (job health-worker) has found provider openai unhealthy for 5m: calls to it fail or are sent elsewhere. provider_status = 0.",
              runbook_url: runbookUrl(config, "ProviderUnhealthy"),
            },
          },
        ],
      },
      {
        alert: "ProviderUnhealthy",
        severities: ["warning"],
        kind: "silent",
        name: "unhealthy for 4 minutes, then healthy again",
        series: status("1 1 0 0 0 0 1x10"),
        at: "6m",
      },
      {
        alert: "ProviderUnhealthy",
        severities: ["warning"],
        kind: "resolves",
        name: "healthy again after an outage",
        series: status("1 1 0x8 1x10"),
        at: "12m",
      },
    ],
  };
}
