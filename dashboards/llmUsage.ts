import { AnnotationQueryBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { StackConfig } from "../config/schema.ts";
import { durationSeconds } from "../config/durations.ts";
import { SERIES } from "../metrics/canonical.ts";
import { BUDGET_ALERTS } from "../rules/names.ts";
import { PROMETHEUS } from "./common/datasources.ts";
import { filtered } from "./common/filters.ts";
import { instantQuery, rangeQuery } from "./common/queries.ts";
import { totalOver } from "../metrics/promql.ts";
import { labelVariable } from "./common/variables.ts";
import { higherIsWorse, steps } from "./common/thresholds.ts";
import { UNITS } from "./common/units.ts";
import { withTeam } from "./common/teams.ts";
import { jaegerTracesLink } from "./common/links.ts";
import { barGauge, gauge, pieChart, stat, timeSeries } from "./common/panels.ts";
import { buildDashboard } from "./common/dashboard.ts";
import { errorRatePanel } from "./common/errorRatePanel.ts";

export const LLM_USAGE_UID = "llmobs-llm-usage";

/**
 * LLM Usage & Cost: the 13 panels of seed 004, on the canonical recorded series, so it shows the same
 * numbers whichever vocabulary the service emits.
 */
export function llmUsageDashboard(config: StackConfig): Dashboard {
  const t = config.thresholds;
  const every = durationSeconds(config.prometheus.evaluationInterval);
  const all = ["agent_id", "model", "provider"] as const;
  const requests = filtered(SERIES.requests(), all);
  const errors = filtered(SERIES.errors(), all);
  const cost = filtered(SERIES.cost, all);
  const tokens = filtered(SERIES.tokens, all);
  const duration = filtered(SERIES.durationBuckets, all);
  // Cache series have no provider; active requests have no model.
  const hits = filtered(SERIES.cacheHits, ["agent_id", "model"]);
  const misses = filtered(SERIES.cacheMisses, ["agent_id", "model"]);
  const active = filtered(SERIES.activeRequests, ["agent_id", "provider"]);
  const overRange = (series: string) => `sum(${totalOver(series, "$__range", every)})`;
  const latency = (quantile: number) => `histogram_quantile(${quantile}, sum by (le) (${duration}))`;

  const panels = [
    stat(
      {
        title: "Total LLM Requests",
        description: "LLM calls in the selected time range, every outcome.",
        unit: UNITS.count,
        decimals: 0,
        width: 6,
        height: 4,
      },
      instantQuery("A", overRange(requests)),
    ),
    stat(
      {
        title: "Total Cost 24h",
        description: `Spend on LLM calls over the last 24 hours, against the daily budget of $${t.dailyBudgetUsd}: yellow from ${t.budgetWarningPercent}% of it, red over it.`,
        unit: UNITS.usd,
        decimals: 2,
        width: 6,
        height: 4,
        thresholds: higherIsWorse((t.dailyBudgetUsd * t.budgetWarningPercent) / 100, t.dailyBudgetUsd),
      },
      instantQuery("A", `sum(${totalOver(cost, "24h", every)})`),
    ),
    gauge(
      {
        title: "Cache Hit Rate",
        description: `Share of cache lookups answered from the cache in the selected time range; below ${t.cacheHitRatePercent}% the cache is not paying off.`,
        unit: UNITS.percent,
        min: 0,
        max: 1,
        width: 6,
        height: 4,
        thresholds: steps("red", { value: t.cacheHitRatePercent / 100, color: "green" }),
      },
      instantQuery("A", `${overRange(hits)} / (${overRange(hits)} + ${overRange(misses)})`),
    ),
    stat(
      {
        title: "Error Rate",
        description: `Failed calls as a share of all calls in the selected time range: yellow above ${t.errorRatePercent}%, red above ${t.criticalErrorRatePercent}%.`,
        unit: UNITS.percent,
        decimals: 2,
        width: 6,
        height: 4,
        thresholds: higherIsWorse(t.errorRatePercent / 100, t.criticalErrorRatePercent / 100),
      },
      instantQuery("A", `(${overRange(errors)} or vector(0)) / ${overRange(requests)}`),
    ),
    timeSeries(
      {
        title: "Requests per Agent",
        description: "LLM calls per second, per agent.",
        unit: UNITS.requestsPerSecond,
        width: 12,
        height: 8,
      },
      [rangeQuery("A", `sum by (agent_id) (${requests})`, "{{agent_id}}")],
    ),
    pieChart(
      {
        title: "Cost per Team",
        description:
          "Spend in the selected time range per team. The team comes from agent_id (by default its first dotted segment, skipping a leading 'agent.'); see dashboards.teams in the stack config.",
        unit: UNITS.usd,
        decimals: 2,
        width: 12,
        height: 8,
      },
      instantQuery("A", `sum by (team) (${withTeam(totalOver(cost, "$__range", every), config.dashboards.teams)})`, "{{team}}"),
    ),
    timeSeries(
      {
        title: "Request Latency Distribution",
        description: `End-to-end latency of LLM calls: median, p90 and p99. The dashed line is the p99 objective (${t.p99LatencySeconds}s). Open the traces of slow calls in Jaeger from the panel link.`,
        unit: UNITS.seconds,
        width: 12,
        height: 8,
        thresholds: steps("green", { value: t.p99LatencySeconds, color: "red" }),
        links: [jaegerTracesLink()],
      },
      [rangeQuery("A", latency(0.5), "p50"), rangeQuery("B", latency(0.9), "p90"), rangeQuery("C", latency(0.99), "p99")],
      { thresholdLines: true },
    ),
    timeSeries(
      {
        title: "Token Usage by Model",
        description: "Tokens per second, per model, input (prompt) and output (completion) stacked.",
        unit: UNITS.tokensPerSecond,
        width: 12,
        height: 8,
      },
      [rangeQuery("A", `sum by (model, direction) (${tokens})`, "{{model}} {{direction}}")],
      { stacked: true },
    ),
    timeSeries(
      {
        title: "Cache Performance",
        description: "Cache hits and misses per second.",
        unit: UNITS.lookupsPerSecond,
        width: 12,
        height: 8,
      },
      [rangeQuery("A", `sum(${hits})`, "hits"), rangeQuery("B", `sum(${misses})`, "misses")],
    ),
    errorRatePanel("Error Rate by Provider", "provider", errors, requests, config),
    barGauge(
      {
        title: "Cost Breakdown by Model",
        description: "Spend per model in the selected time range.",
        unit: UNITS.usd,
        decimals: 2,
        width: 12,
        height: 8,
      },
      instantQuery("A", `sum by (model) (${totalOver(cost, "$__range", every)})`, "{{model}}"),
    ),
    timeSeries(
      {
        title: "Active Requests",
        description: "LLM calls in flight, per agent.",
        unit: UNITS.count,
        min: 0,
        width: 12,
        height: 8,
      },
      [rangeQuery("A", `sum by (agent_id) (${active})`, "{{agent_id}}")],
    ),
    timeSeries(
      {
        title: "Request Success Rate",
        description: `Calls that succeeded as a share of all calls. Dashed: the ${t.successRatePercent}% objective.`,
        unit: UNITS.percent,
        max: 1,
        width: 24,
        height: 8,
        thresholds: steps("red", { value: t.successRatePercent / 100, color: "green" }),
      },
      [rangeQuery("A", `1 - ((sum(${errors}) or vector(0)) / sum(${requests}))`, "success rate")],
      { thresholdLines: true },
    ),
  ];

  const deployments =
    config.dashboards.deploymentsQuery ??
    `changes(process_start_time_seconds{job=${JSON.stringify(config.llmService.jobName)}}[2m]) > 0`;
  const budgetAlerts = Object.values(BUDGET_ALERTS).join("|");

  return buildDashboard({
    uid: LLM_USAGE_UID,
    title: "LLM Usage & Cost",
    description: "Requests, tokens, cost, cache and errors of your LLM calls, by agent, model and provider.",
    from: "now-24h",
    variables: [
      labelVariable("agent_id", "Agent", SERIES.requests()),
      labelVariable("model", "Model", SERIES.requests(), 'agent_id=~"$agent_id"'),
      labelVariable("provider", "Provider", SERIES.requests(), 'agent_id=~"$agent_id", model=~"$model"'),
    ],
    annotations: [
      new AnnotationQueryBuilder()
        .name("Deployments")
        .datasource(PROMETHEUS)
        .enable(true)
        .iconColor("blue")
        .expr(deployments)
        .step("1m")
        .titleFormat("Deployment")
        .textFormat("{{job}} {{instance}} restarted"),
      new AnnotationQueryBuilder()
        .name("Budget alerts")
        .datasource(PROMETHEUS)
        .enable(true)
        .iconColor("red")
        .expr(`ALERTS{alertname=~"${budgetAlerts}", alertstate="firing"}`)
        .step("1m")
        .titleFormat("{{alertname}}")
        .tagKeys("severity"),
    ],
    panels,
  });
}
