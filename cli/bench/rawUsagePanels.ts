import type { StackConfig } from "../../config/schema.ts";
import { withTeam } from "../../dashboards/common/teams.ts";
import { nameOf, type MetricId } from "../../metrics/catalog/metrics.ts";

export interface BenchQuery {
  panel: string;
  refId: string;
  expr: string;
  instant: boolean;
}

/**
 * Seed 004's 13 panels written straight on its raw metrics, the way a hand-written dashboard for its
 * prometheus_client emitter would be: the baseline the recorded dashboard is timed against. Same panels,
 * same queries per panel, same time range. The emitter counts a completed call in llm_requests_total and a
 * failed one in llm_errors_total only, so calls are the two added up.
 */
export function rawUsagePanels(config: StackConfig): BenchQuery[] {
  const metric = (id: MetricId<"usage">) => nameOf("usage", id);
  const inc = (id: MetricId<"usage">, range = "$__range") => `increase(${metric(id)}[${range}])`;
  const rate = (id: MetricId<"usage">, suffix = "") => `rate(${metric(id)}${suffix}[5m])`;
  const calls = (by: string) => `(sum ${by}(${rate("requests")}) + (sum ${by}(${rate("errors")}) or 0 * sum ${by}(${rate("requests")})))`;
  const errorShare = (by: string) => `(sum ${by}(${rate("errors")}) or 0 * sum ${by}(${rate("requests")})) / ${calls(by)}`;
  const totalCalls = `(sum(${inc("requests")}) + (sum(${inc("errors")}) or vector(0)))`;
  const latency = (q: number) => `histogram_quantile(${q}, sum by (le) (${rate("duration", "_bucket")}))`;
  return [
    { panel: "Total LLM Requests", refId: "A", instant: true, expr: totalCalls },
    { panel: "Total Cost 24h", refId: "A", instant: true, expr: `sum(${inc("cost", "24h")})` },
    { panel: "Cache Hit Rate", refId: "A", instant: true, expr: `sum(${inc("cacheHits")}) / (sum(${inc("cacheHits")}) + sum(${inc("cacheMisses")}))` },
    { panel: "Error Rate", refId: "A", instant: true, expr: `(sum(${inc("errors")}) or vector(0)) / ${totalCalls}` },
    { panel: "Requests per Agent", refId: "A", instant: false, expr: calls("by (agent_id) ") },
    { panel: "Cost per Team", refId: "A", instant: true, expr: `sum by (team) (${withTeam(inc("cost"), config.dashboards.teams)})` },
    { panel: "Request Latency Distribution", refId: "A", instant: false, expr: latency(0.5) },
    { panel: "Request Latency Distribution", refId: "B", instant: false, expr: latency(0.9) },
    { panel: "Request Latency Distribution", refId: "C", instant: false, expr: latency(0.99) },
    { panel: "Token Usage by Model", refId: "A", instant: false, expr: `sum by (model, token_type) (${rate("tokens")})` },
    { panel: "Cache Performance", refId: "A", instant: false, expr: `sum(${rate("cacheHits")})` },
    { panel: "Cache Performance", refId: "B", instant: false, expr: `sum(${rate("cacheMisses")})` },
    { panel: "Error Rate by Provider", refId: "A", instant: false, expr: errorShare("by (provider) ") },
    { panel: "Cost Breakdown by Model", refId: "A", instant: true, expr: `sum by (model) (${inc("cost")})` },
    { panel: "Active Requests", refId: "A", instant: false, expr: `sum by (job, agent_id) (${metric("active")})` },
    { panel: "Request Success Rate", refId: "A", instant: false, expr: `1 - ${errorShare("")}` },
  ];
}
