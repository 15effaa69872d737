import { STACK_FACTS } from "../../../components/factsForConfig.ts";
import { expect, test } from "vitest";
import { emitter as emitterOf, carries, type EmitterId } from "../../../metrics/catalog/emitters.ts";
import { SERIES } from "../../../metrics/canonical.ts";
import { parseStackConfig } from "../../../config/parse.ts";
import { llmPerformancePanels } from "../../../dashboards/llmPerformance.ts";
import { llmUsagePanels } from "../../../dashboards/llmUsage.ts";
import { renderedDashboard } from "../grafana/dashboards.ts";
import { hasData, panelQueries, runPanelQuery, type PanelQuery } from "../../../cli/local/grafanaQueries.ts";
import type { Sample } from "../../../cli/local/prometheusApi.ts";
import type { ConformanceRun } from "./conformance.ts";
import type { CallOutcome } from "./openaiCalls.ts";
import { costUsd, profileOf } from "./world.ts";

/** What a test expects of an emitter, beyond what alerts/catalog/emitters.ts says it carries. */
export interface Expectations {
  emitter: EmitterId;
  /** The calls the emitter counts (default: every call). */
  counted?: (call: CallOutcome) => boolean;
  /** The calls whose duration the emitter's histogram holds (default: the successful ones). */
  timed?: (call: CallOutcome) => boolean;
  /** The bucket bounds of the emitter's duration histogram, for judging its p95. */
  durationBuckets: readonly number[];
  /** The calls whose failures the emitter reports (default: every call): an old server may count none. */
  failuresReported?: (call: CallOutcome) => boolean;
}

const DASHBOARDS = [
  { file: "llm-performance.json", title: "LLM Performance", panels: llmPerformancePanels },
  { file: "llm-usage.json", title: "LLM Usage & Cost", panels: llmUsagePanels },
] as const;

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

/** The bucket (lo, hi] a value falls in. */
function bucketOf(value: number, bounds: readonly number[]): [number, number] {
  const hi = bounds.find((bound) => value <= bound) ?? Infinity;
  const lo = [...bounds].reverse().find((bound) => bound < value) ?? 0;
  return [lo, hi];
}

/**
 * The conformance checks every emitter's test runs: each panel of both LLM dashboards has data exactly when
 * the emitter carries what the panel reads (and stays empty, not 0, otherwise), and the numbers are the
 * calls': their count and failures exactly, tokens and cost to the cent's millionth, p95 latency within
 * the bucket of the emitter's histogram that holds the calls' own p95.
 */
export function conformanceTests(run: () => ConformanceRun, expectations: Expectations): void {
  const emitter = emitterOf(expectations.emitter);
  const counted = (calls: CallOutcome[]) => calls.filter(expectations.counted ?? (() => true));
  const first = async (query: PanelQuery) => {
    const samples = (await runPanelQuery(run().prometheus.url, query, run().range())).samples as Sample[];
    return samples.length ? Number(samples[0]!.value[1]) : undefined;
  };
  const queryOf = (file: string, panel: string) => {
    const found = panelQueries(renderedDashboard(run().config, file)).find((q) => q.panel === panel);
    if (!found) throw new Error(`${file} has no panel ${panel}`);
    return found;
  };

  // The panels' titles and what they read do not depend on the config's values: any valid config lists them.
  const layout = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);
  for (const dashboard of DASHBOARDS) {
    const rendered = renderedDashboard(layout, dashboard.file).panels;
    const cases = dashboard.panels(layout).map(({ reads }, i) => {
      const title = rendered[i]!.title;
      const feeds = reads.every((signal) => carries(emitter, signal));
      const lacking = reads.filter((signal) => !carries(emitter, signal));
      return [`${dashboard.title}: ${title} ${feeds ? "has data" : `is empty, not 0 (no ${lacking.join(", ")})`}`, title, feeds] as const;
    });
    test.each(cases)("%s", async (_, title, feeds) => {
      const queries = panelQueries(renderedDashboard(run().config, dashboard.file)).filter((q) => q.panel === title);
      expect(queries.length, title).toBeGreaterThan(0);
      for (const query of queries) {
        const result = await runPanelQuery(run().prometheus.url, query, run().range());
        expect(hasData(result.samples), `${title} ${query.refId}: ${result.expr}`).toBe(feeds);
      }
    });
  }

  test("the calls: Requests counts every call the emitter counts, exactly", async () => {
    expect(await first(queryOf("llm-performance.json", "Requests"))).toBe(counted(run().outcomes).length);
  });

  if (carries(emitter, "errors")) {
    test("the failures: Errors counts the failed calls, and Error Rate is their share of the calls whose failures are reported, exactly", async () => {
      const calls = counted(run().outcomes).filter(expectations.failuresReported ?? (() => true));
      const failed = calls.filter((call) => !call.ok).length;
      expect(failed).toBeGreaterThan(0);
      expect(await first(queryOf("llm-performance.json", "Errors"))).toBe(failed);
      expect(await first(queryOf("llm-usage.json", "Error Rate"))).toBeCloseTo(failed / calls.length, 9);
    });
  }

  test("the tokens: input and output are the calls' own, exactly", async () => {
    const totals = await run().query(`sum by (direction) (sum_over_time(${SERIES.tokens}[${run().range().range}]))`);
    const of = (direction: string) => Number(totals.find((s) => s.metric.direction === direction)?.value[1]);
    const outcomes = run().outcomes;
    expect(of("input")).toBe(outcomes.reduce((sum, call) => sum + call.promptTokens, 0));
    expect(of("output")).toBe(outcomes.reduce((sum, call) => sum + call.completionTokens, 0));
  });

  if (carries(emitter, "cost")) {
    test("the spend: Total Cost 24h is what the calls the model answered cost at its prices (a cache's answers cost nothing)", async () => {
      const answered = run().served.filter((call) => call.status === 200);
      const expected = answered.reduce((sum, call) => sum + costUsd(profileOf(call.model), call.promptTokens, call.completionTokens), 0);
      expect(expected).toBeGreaterThan(0);
      const spent = await first(queryOf("llm-usage.json", "Total Cost 24h"));
      expect(Math.abs(spent! - expected) / expected).toBeLessThan(1e-6);
    });
  }

  test("the p95 call duration lies in the bucket of the emitter's histogram that holds the calls' own p95", async () => {
    const timed = run().outcomes.filter(expectations.timed ?? ((call) => call.ok));
    const truth = p95(timed.map((call) => call.seconds));
    const p95Query = panelQueries(renderedDashboard(run().config, "llm-performance.json")).find((q) => q.panel === "Request Duration" && q.refId === "B")!;
    const estimate = await first({ ...p95Query, instant: true });
    const [lo, hi] = bucketOf(truth, expectations.durationBuckets);
    expect(estimate).toBeGreaterThanOrEqual(lo);
    expect(estimate).toBeLessThanOrEqual(hi);
  });
}
