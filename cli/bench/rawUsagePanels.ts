import type { StackConfig } from "../../config/schema.ts";
import { withTeam } from "../../dashboards/common/teams.ts";

export interface BenchQuery {
  panel: string;
  refId: string;
  expr: string;
  instant: boolean;
}

/**
 * The 13 panels of the LLM Usage & Cost dashboard written straight on the raw usage series, the way a
 * hand-written dashboard for seed 004's metrics would be: the baseline the recorded dashboard is timed
 * against. Same panels, same queries per panel, same time range.
 */
export function rawUsagePanels(config: StackConfig): BenchQuery[] {
  const inc = (metric: string) => `increase(${metric}[$__range])`;
  const latency = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(llm_request_duration_seconds_bucket[5m])))`;
  return [
    { panel: "Total LLM Requests", refId: "A", instant: true, expr: `sum(${inc("llm_requests_total")})` },
    { panel: "Total Cost 24h", refId: "A", instant: true, expr: "sum(increase(llm_cost_total[24h]))" },
    {
      panel: "Cache Hit Rate",
      refId: "A",
      instant: true,
      expr: `sum(${inc("llm_cache_hits_total")}) / (sum(${inc("llm_cache_hits_total")}) + sum(${inc("llm_cache_misses_total")}))`,
    },
    { panel: "Error Rate", refId: "A", instant: true, expr: `(sum(${inc("llm_errors_total")}) or vector(0)) / sum(${inc("llm_requests_total")})` },
    { panel: "Requests per Agent", refId: "A", instant: false, expr: "sum by (agent_id) (rate(llm_requests_total[5m]))" },
    { panel: "Cost per Team", refId: "A", instant: true, expr: `sum by (team) (${withTeam(inc("llm_cost_total"), config.dashboards.teams)})` },
    { panel: "Request Latency Distribution", refId: "A", instant: false, expr: latency(0.5) },
    { panel: "Request Latency Distribution", refId: "B", instant: false, expr: latency(0.9) },
    { panel: "Request Latency Distribution", refId: "C", instant: false, expr: latency(0.99) },
    { panel: "Token Usage by Model", refId: "A", instant: false, expr: "sum by (model, token_type) (rate(llm_tokens_used_total[5m]))" },
    { panel: "Cache Performance", refId: "A", instant: false, expr: "sum(rate(llm_cache_hits_total[5m]))" },
    { panel: "Cache Performance", refId: "B", instant: false, expr: "sum(rate(llm_cache_misses_total[5m]))" },
    {
      panel: "Error Rate by Provider",
      refId: "A",
      instant: false,
      expr: "(sum by (provider) (rate(llm_errors_total[5m])) or 0 * sum by (provider) (rate(llm_requests_total[5m]))) / sum by (provider) (rate(llm_requests_total[5m]))",
    },
    { panel: "Cost Breakdown by Model", refId: "A", instant: true, expr: `sum by (model) (${inc("llm_cost_total")})` },
    { panel: "Active Requests", refId: "A", instant: false, expr: "sum by (agent_id) (llm_active_requests)" },
    {
      panel: "Request Success Rate",
      refId: "A",
      instant: false,
      expr: "1 - ((sum(rate(llm_errors_total[5m])) or vector(0)) / sum(rate(llm_requests_total[5m])))",
    },
  ];
}
