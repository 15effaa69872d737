import { describe, expect, test } from "vitest";
import { CATALOG } from "../../metrics/catalog/metrics.ts";
import { EMITTERS, carries } from "../../metrics/catalog/emitters.ts";
import { SIGNALS } from "../../metrics/catalog/signals.ts";
import { recordingRuleGroups } from "../../rules/recording/index.ts";
import { SERIES, SERVICE_SERIES } from "../../metrics/canonical.ts";
import { isAlertingRule, type RecordingRule } from "../../rules/model.ts";
import { parseStackConfig } from "../../config/parse.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const groups = recordingRuleGroups(parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS));
const rules = groups.flatMap((group) => group.rules.filter((rule): rule is RecordingRule => !isAlertingRule(rule)));
const recordingExprs = rules.map((rule) => rule.expr);

/** Series names a metric can appear as in Prometheus. */
function seriesNames(name: string, type: string): string[] {
  return type === "histogram" ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
}

// Aggregations may be followed by `by (...)` rather than their parenthesis.
const KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "sum", "avg", "min", "max", "count", "group", "topk", "bottomk", "quantile", "Inf"]);

/** Metric names an expression selects: identifiers outside strings and groupings, not functions, and __name__ regexes. */
function selectedMetrics(expr: string): string[] {
  const byName = [...expr.matchAll(/__name__=~"([^"]+)"/g)].flatMap((match) => match[1]!.split("|"));
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, "{}")
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, "$1()")
    .replace(/\[[^\]]*\]/g, "[]");
  return [...byName, ...[...bare.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((match) => match[1]!).filter((name) => !KEYWORDS.has(name))];
}

/** What the increments read besides the catalog: whether a target was scraped before, and Prometheus' own uptime. */
const GUARDS = ["up", "process_start_time_seconds", "prometheus_build_info"];

describe("the metric catalog", () => {
  test("covers every emitter family the issue names", () => {
    expect([...new Set(CATALOG.map((m) => m.vocabulary))].sort()).toEqual(["genai", "litellm", "performance", "proxy", "spans", "usage", "vllm"]);
  });

  test("ids are unique within a vocabulary, names unique across the catalog but for seed 004's and Nexent's shared latency histogram, and seed 004's and seed 003's LLM calls", () => {
    const ids = CATALOG.map((m) => `${m.vocabulary}.${m.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    const names = CATALOG.flatMap((m) => m.names);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual(["llm_request_duration_seconds", "llm_requests_total"]);
  });

  test("every metric has a unit, an emitter and help; histograms their buckets; counters end in _total", () => {
    for (const metric of CATALOG) {
      expect(metric.unit, metric.id).not.toBe("");
      expect(metric.emitters, metric.id).not.toBe("");
      expect(metric.help.length, metric.id).toBeGreaterThan(10);
      if (metric.type === "histogram") expect(metric.buckets?.length, metric.id).toBeGreaterThan(3);
      if (metric.type === "counter") for (const name of metric.names) expect(name, "counters end in _total").toMatch(/_total$/);
    }
  });

  test.each(CATALOG.filter((m) => !m.notRecorded).flatMap((m) => m.names.map((name) => [`${m.vocabulary} ${name}`, name, m.type] as const)))(
    "%s is read by a recording rule, in this form too",
    (_, name, type) => {
      const used = recordingExprs.some((expr) => seriesNames(name, type).some((series) => selectedMetrics(expr).includes(series)));
      expect(used).toBe(true);
    },
  );

  test("recording rules read no metric the catalog does not know, besides the guards and the canonical series", () => {
    const known = new Set([...CATALOG.flatMap((m) => m.names.flatMap((name) => seriesNames(name, m.type))), ...GUARDS, ...Object.values(SERIES), ...Object.values(SERVICE_SERIES)]);
    const unknown = recordingExprs.flatMap(selectedMetrics).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
  });

  test("no recording rule selects a job: every emitter's job is aggregated, never named", () => {
    for (const expr of recordingExprs) expect(expr).not.toMatch(/\bjob\s*[=!]~?/);
  });

  test("every canonical series is recorded, every per-service rollup too", () => {
    const recorded = new Set(rules.map((rule) => rule.record));
    for (const series of [...Object.values(SERIES), ...Object.values(SERVICE_SERIES)]) expect(recorded, series).toContain(series);
  });
});

describe("the emitters", () => {
  test("each reads a vocabulary of the catalog, and says why it lacks each signal it lacks", () => {
    const vocabularies = new Set(CATALOG.map((m) => m.vocabulary));
    for (const emitter of EMITTERS) {
      for (const vocabulary of emitter.vocabularies) expect(vocabularies, emitter.id).toContain(vocabulary);
      for (const signal of SIGNALS) if (!carries(emitter, signal)) expect(emitter.lacks[signal]!.length, `${emitter.id} ${signal}`).toBeGreaterThan(10);
    }
  });

  test("a signal a vocabulary's rules record is carried by some emitter of it", () => {
    const recordsFor = (vocabulary: string) => rules.filter((rule) => rule.labels?.vocabulary === vocabulary).map((rule) => rule.record);
    for (const emitter of EMITTERS) {
      const recorded = emitter.vocabularies.flatMap(recordsFor);
      if (carries(emitter, "cost")) expect(recorded, emitter.id).toContain(SERIES.cost);
      if (carries(emitter, "ttft")) expect(recorded, emitter.id).toContain(SERIES.ttftBuckets);
      if (carries(emitter, "tokenSpeed")) expect(recorded, emitter.id).toContain(SERIES.tokenSpeed);
      if (carries(emitter, "cache")) expect(recorded, emitter.id).toContain(SERIES.cacheHits);
      if (carries(emitter, "budget")) expect(recorded, emitter.id).toContain(SERIES.budget);
      if (carries(emitter, "activeRequests")) expect(recorded, emitter.id).toContain(SERIES.activeRequests);
    }
  });
});
