import { AnnotationQueryBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { StackConfig } from "../config/schema.ts";
import { DURATION_LABELS, RATE_WINDOW, SERIES } from "../metrics/canonical.ts";
import { BUDGET_ALERTS } from "../rules/names.ts";
import { PROMETHEUS } from "./common/datasources.ts";
import { filtered } from "./common/filters.ts";
import { EXEMPLAR_POINTS, exemplarQuery, instantQuery, rangeQuery } from "./common/queries.ts";
import { latencyHistogramNames } from "../metrics/catalog/latencyHistograms.ts";
import { errorShare, overRange, perSecond } from "./common/canonicalQueries.ts";
import { labelVariable } from "./common/variables.ts";
import { serviceVariable } from "./common/serviceVariable.ts";
import { higherIsWorse, lowerIsWorse, steps } from "./common/thresholds.ts";
import { UNITS } from "./common/units.ts";
import { withTeam } from "./common/teams.ts";
import { jaegerTracesLink } from "./common/links.ts";
import { barGauge, gauge, pieChart, stat, timeSeries, type Panel } from "./common/panels.ts";
import { buildDashboard } from "./common/dashboard.ts";
import { errorRatePanel } from "./common/errorRatePanel.ts";
import { llmServiceJobs } from "../config/scrapeChecks.ts";
import { oneOf } from "../metrics/promql.ts";
import { explained, type ReadingPanel } from "./common/gapNotes.ts";

export const LLM_USAGE_UID = "llmobs-llm-usage";

const ALL_FILTERS = ["job", "agent_id", "model", "provider"] as const;

/**
 * The 13 panels of seed 004, then the budgets emitters keep themselves, on the canonical recorded series,
 * so they show the same numbers whichever emitter the service uses. Every panel applies every filter; a
 * series without the filtered label (no agent, say) drops out once a value is chosen.
 */
export function llmUsagePanels(config: StackConfig): ReadingPanel<Panel>[] {
  const t = config.thresholds;
  const requests = filtered(SERIES.requests, ALL_FILTERS);
  const errors = filtered(SERIES.errors, ALL_FILTERS);
  const cost = filtered(SERIES.cost, ALL_FILTERS);
  const tokens = filtered(SERIES.tokens, ALL_FILTERS);
  const hits = filtered(SERIES.cacheHits, ALL_FILTERS);
  const misses = filtered(SERIES.cacheMisses, ALL_FILTERS);
  const active = filtered(SERIES.activeRequests, ALL_FILTERS);
  const agentsOnly = (series: string) => series.replace(/\}$/, ', agent_id!=""}');
  const total = (series: string, range = "$__range") => `sum(${overRange(series, range)})`;
  // Latency is kept per model and provider, not per agent: with agents chosen, the models they call.
  const calledModels = `on (${DURATION_LABELS.join(", ")}) group by (${DURATION_LABELS.join(", ")}) (${requests})`;
  const latency = (quantile: number) =>
    `histogram_quantile(${quantile}, sum by (le) (${overRange(filtered(SERIES.durationBuckets, ["model", "provider"]), RATE_WINDOW)} and ${calledModels}))`;

  return [
    {
      reads: ["requests"],
      panel: stat(
        explained({ title: "Total LLM Requests", description: "LLM calls in the selected time range, every outcome.", unit: UNITS.count, decimals: 0, width: 6, height: 4 }, ["requests"]),
        instantQuery("A", total(requests)),
      ),
    },
    {
      reads: ["cost"],
      panel: stat(
        explained(
          {
            title: "Total Cost 24h",
            description: `Spend on LLM calls over the last 24 hours, against the daily budget of $${t.dailyBudgetUsd}: yellow from ${t.budgetWarningPercent}% of it, red over it.`,
            unit: UNITS.usd,
            decimals: 2,
            width: 6,
            height: 4,
            thresholds: higherIsWorse((t.dailyBudgetUsd * t.budgetWarningPercent) / 100, t.dailyBudgetUsd),
          },
          ["cost"],
        ),
        instantQuery("A", total(cost, "24h")),
      ),
    },
    {
      reads: ["cache"],
      panel: gauge(
        explained(
          {
            title: "Cache Hit Rate",
            description: `Share of calls the response cache answered in the selected time range; below ${t.cacheHitRatePercent}% the cache is not paying off. Kept per agent, not per model or provider.`,
            unit: UNITS.percent,
            min: 0,
            max: 1,
            width: 6,
            height: 4,
            thresholds: steps("red", { value: t.cacheHitRatePercent / 100, color: "green" }),
          },
          ["cache"],
        ),
        instantQuery("A", `${total(hits)} / (${total(hits)} + ${total(misses)})`),
      ),
    },
    {
      reads: ["requests", "errors"],
      panel: stat(
        explained(
          {
            title: "Error Rate",
            description: `Failed calls as a share of all calls in the selected time range, of the services that report failures: yellow above ${t.errorRatePercent}%, red above ${t.criticalErrorRatePercent}%.`,
            unit: UNITS.percent,
            decimals: 2,
            width: 6,
            height: 4,
            thresholds: higherIsWorse(t.errorRatePercent / 100, t.criticalErrorRatePercent / 100),
          },
          ["requests", "errors"],
        ),
        instantQuery("A", errorShare(errors, requests, [], "$__range")),
      ),
    },
    {
      reads: ["requests", "agent"],
      panel: timeSeries(
        explained({ title: "Requests per Agent", description: `LLM calls per second over ${RATE_WINDOW}, per agent.`, unit: UNITS.requestsPerSecond, width: 12, height: 8 }, ["requests", "agent"]),
        [rangeQuery("A", perSecond(agentsOnly(requests), ["agent_id"]), "{{agent_id}}")],
      ),
    },
    {
      reads: ["cost", "agent"],
      panel: pieChart(
        explained(
          {
            title: "Cost per Team",
            description:
              "Spend in the selected time range per team. The team comes from agent_id (by default its first dotted segment, skipping a leading 'agent.'; " +
              "LiteLLM's agents are '<team alias>.<key alias>'); see dashboards.teams in the stack config.",
            unit: UNITS.usd,
            decimals: 2,
            width: 12,
            height: 8,
          },
          ["cost", "agent"],
        ),
        instantQuery("A", `sum by (team) (${withTeam(`sum by (agent_id) (${overRange(agentsOnly(cost), "$__range")})`, config.dashboards.teams)})`, "{{team}}"),
      ),
    },
    {
      reads: ["duration"],
      panel: timeSeries(
        explained(
          {
            title: "Request Latency Distribution",
            description:
              `End-to-end latency of LLM calls over ${RATE_WINDOW}: median, p90 and p99, from the emitters' histograms (read inside their buckets). ` +
              `Kept per model and provider: with agents chosen, the latency of the models they call (from every service). The dashed line is the p99 objective (${t.p99LatencySeconds}s). ` +
              `Open the traces of slow calls in Jaeger from the panel link; ${EXEMPLAR_POINTS}`,
            unit: UNITS.seconds,
            width: 12,
            height: 8,
            thresholds: steps("green", { value: t.p99LatencySeconds, color: "red" }),
            links: [jaegerTracesLink()],
          },
          ["duration"],
        ),
        [
          rangeQuery("A", latency(0.5), "p50"),
          rangeQuery("B", latency(0.9), "p90"),
          rangeQuery("C", latency(0.99), "p99"),
          exemplarQuery("D", latencyHistogramNames("duration"), 'job=~"$job"'),
        ],
        { thresholdLines: true },
      ),
    },
    {
      reads: ["tokens"],
      panel: timeSeries(
        explained({ title: "Token Usage by Model", description: "Tokens per second, per model, input (prompt) and output (completion) stacked.", unit: UNITS.tokensPerSecond, width: 12, height: 8 }, ["tokens"]),
        [rangeQuery("A", perSecond(tokens, ["model", "direction"]), "{{model}} {{direction}}")],
        { stacked: true },
      ),
    },
    {
      reads: ["cache"],
      panel: timeSeries(
        explained({ title: "Cache Performance", description: "Response-cache hits and misses per second.", unit: UNITS.lookupsPerSecond, width: 12, height: 8 }, ["cache"]),
        [rangeQuery("A", perSecond(hits), "hits"), rangeQuery("B", perSecond(misses), "misses")],
      ),
    },
    errorRatePanel("Error Rate by Provider", "provider", errors, requests, config),
    {
      reads: ["cost"],
      panel: barGauge(
        explained({ title: "Cost Breakdown by Model", description: "Spend per model in the selected time range.", unit: UNITS.usd, decimals: 2, width: 12, height: 8 }, ["cost"]),
        instantQuery("A", `sum by (model) (${overRange(cost, "$__range")})`, "{{model}}"),
      ),
    },
    {
      reads: ["activeRequests"],
      panel: timeSeries(
        explained(
          { title: "Active Requests", description: "LLM calls in flight, per service and agent (a serving engine's or proxy's calls have no agent).", unit: UNITS.requests, width: 12, height: 8 },
          ["activeRequests"],
        ),
        [rangeQuery("A", `sum by (job, agent_id) (${active})`, "{{job}} {{agent_id}}")],
      ),
    },
    {
      reads: ["requests", "errors"],
      panel: timeSeries(
        explained(
          {
            title: "Request Success Rate",
            description: `Calls that succeeded as a share of all calls over ${RATE_WINDOW}, of the services that report failures. Dashed: the ${t.successRatePercent}% objective.`,
            unit: UNITS.percent,
            max: 1,
            width: 12,
            height: 8,
            thresholds: steps("red", { value: t.successRatePercent / 100, color: "green" }),
          },
          ["requests", "errors"],
        ),
        [rangeQuery("A", `1 - ${errorShare(errors, requests, [], RATE_WINDOW)}`, "success rate")],
        { thresholdLines: true },
      ),
    },
    {
      reads: ["budget"],
      panel: barGauge(
        explained(
          {
            title: "Budgets Left",
            description:
              `What is left of each budget an emitter keeps itself (LiteLLM's per team and per virtual key), as a share of it: yellow below ${100 - t.budgetWarningPercent}% left, red when spent. ` +
              `Not filtered by agent, model or provider; the stack's own daily budget is Total Cost 24h's.`,
            unit: UNITS.percent,
            min: 0,
            max: 1,
            width: 12,
            height: 8,
            thresholds: lowerIsWorse(0, 1 - t.budgetWarningPercent / 100),
          },
          ["budget"],
        ),
        instantQuery("A", `${SERIES.budgetRemaining} / on (job, budget) (${SERIES.budget} > 0)`, "{{job}} {{budget}}"),
      ),
    },
  ];
}

/** LLM Usage & Cost: seed 004's 13 panels, and the budgets emitters keep. */
export function llmUsageDashboard(config: StackConfig): Dashboard {
  const deployments =
    config.dashboards.deploymentsQuery ??
    `changes(process_start_time_seconds{${oneOf("job", llmServiceJobs(config))}}[2m]) > 0`;
  const budgetAlerts = Object.values(BUDGET_ALERTS).join("|");

  return buildDashboard({
    uid: LLM_USAGE_UID,
    title: "LLM Usage & Cost",
    description: "Requests, tokens, cost, cache and errors of your LLM calls, by agent, model and provider.",
    from: "now-24h",
    variables: [
      serviceVariable(config),
      labelVariable("agent_id", "Agent", SERIES.requests, 'job=~"$job"'),
      labelVariable("model", "Model", SERIES.requests, 'job=~"$job", agent_id=~"$agent_id"'),
      labelVariable("provider", "Provider", SERIES.requests, 'job=~"$job", agent_id=~"$agent_id", model=~"$model"'),
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
    panels: llmUsagePanels(config).map(({ panel }) => panel),
  });
}
