import { describe, expect, test } from "vitest";
import { CATALOG } from "../../metrics/catalog/metrics.ts";
import { recordingRuleGroups } from "../../rules/recording/index.ts";
import { isAlertingRule } from "../../rules/model.ts";
import { parseStackConfig } from "../../config/parse.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const recordingExprs = recordingRuleGroups(parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS)).flatMap((group) => group.rules.filter((rule) => !isAlertingRule(rule)).map((rule) => rule.expr));

/** Series names a metric can appear as in Prometheus. */
function seriesNames(name: string, type: string): string[] {
  return type === "histogram" ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
}

// Aggregations may be followed by `by (...)` rather than their parenthesis.
const KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "sum", "avg", "min", "max", "count", "group", "topk", "bottomk", "quantile"]);

/** Metric names an expression selects: identifiers outside strings, label matchers and groupings, not functions. */
function selectedMetrics(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, "{}")
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, "$1()")
    .replace(/\[[^\]]*\]/g, "[]");
  return [...bare.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((match) => match[1]!).filter((name) => !KEYWORDS.has(name));
}

describe("the metric catalog", () => {
  test("covers the three vocabularies the issue names", () => {
    const names = (vocabulary: string) => CATALOG.filter((m) => m.vocabulary === vocabulary).map((m) => m.name).sort();
    expect(names("usage")).toEqual([
      "llm_active_requests",
      "llm_cache_hits_total",
      "llm_cache_misses_total",
      "llm_cache_size",
      "llm_cost_total",
      "llm_errors_total",
      "llm_request_duration_seconds",
      "llm_requests_total",
      "llm_tokens_used_total",
    ]);
    expect(names("performance")).toEqual([
      "llm_error_count_total",
      "llm_request_duration_seconds",
      "llm_time_to_first_token_seconds",
      "llm_token_generation_rate",
      "llm_total_tokens_total",
    ]);
    expect(names("genai")).toEqual([
      "gen_ai_client_operation_duration_seconds",
      "gen_ai_client_token_usage",
      "gen_ai_server_time_per_output_token_seconds",
      "gen_ai_server_time_to_first_token_seconds",
    ]);
  });

  test("every metric has a unit, labels, an emitter and help; histograms their buckets", () => {
    for (const metric of CATALOG) {
      expect(metric.unit, metric.name).not.toBe("");
      expect(metric.labels.length, metric.name).toBeGreaterThan(0);
      expect(metric.emitters, metric.name).not.toBe("");
      if (metric.type === "histogram") expect(metric.buckets?.length, metric.name).toBeGreaterThan(3);
      if (metric.type === "counter") expect(metric.name, "counters end in _total").toMatch(/_total$/);
    }
  });

  test.each(CATALOG.filter((m) => !m.notRecorded).map((m) => [`${m.name} (${m.vocabulary})`, m] as const))(
    "%s is recorded onto a canonical series",
    (_, metric) => {
      const used = recordingExprs.some((expr) => seriesNames(metric.name, metric.type).some((series) => selectedMetrics(expr).includes(series)));
      expect(used).toBe(true);
    },
  );

  test("recording rules read no metric the catalog does not know", () => {
    const known = new Set(CATALOG.flatMap((m) => seriesNames(m.name, m.type)));
    const unknown = recordingExprs.flatMap(selectedMetrics).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
  });

  test("no recording rule selects a job: every emitter's job is aggregated, never named", () => {
    for (const expr of recordingExprs) expect(expr).not.toMatch(/job\s*[=!]~?/);
  });
});
