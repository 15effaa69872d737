import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SLO_SERIES } from "../../rules/slo.ts";
import { catalogMetric } from "../../metrics/catalog/metrics.ts";
import { startLlmPrometheus, type LlmPrometheus } from "../support/prometheus/llmPrometheus.ts";
import { performanceFamilies } from "../../synthetic/vocabularies.ts";
import { healthyWorkload, SPREAD } from "../../synthetic/workload.ts";
import { instantQuery } from "../../cli/local/prometheusApi.ts";
import { waitFor } from "../../cli/local/processes.ts";

/**
 * Seed 000's classic TTFT histogram, scraped in the text format, whose bucket bounds are written as the
 * exporter prints numbers (le="1"). Prometheus 3 stores them as floats (le="1.0"); the TTFT SLO rules
 * must still find their bucket.
 */
const workload = healthyWorkload();
const TTFT = "llm_time_to_first_token_seconds";
let prometheus: LlmPrometheus;

beforeAll(async () => {
  prometheus = await startLlmPrometheus((elapsed) => performanceFamilies(workload, elapsed));
});

afterAll(async () => prometheus?.stop());

describe("a classic histogram scraped in the text format", () => {
  test("its le labels are normalised to floats: le=\"1\" is stored as le=\"1.0\"", async () => {
    const stored = (await instantQuery(prometheus.url, `group by (le) (${TTFT}_bucket)`)).map((s) => s.metric.le!);
    const written = catalogMetric(TTFT, "performance").buckets!;
    expect(stored.sort()).toEqual([...written.map((le) => (Number.isInteger(le) ? le.toFixed(1) : String(le))), "+Inf"].sort());
    expect(stored).not.toContain("1");
  });

  test("the TTFT SLO ratio evaluates to the workload's share of first tokens later than the objective", async () => {
    const bound = prometheus.config.slo.ttftSeconds;
    const calls = workload.reduce((sum, p) => sum + p.requestsPerSecond, 0);
    const late = workload.reduce((sum, p) => sum + p.requestsPerSecond * SPREAD.filter(([, factor]) => p.ttftSeconds * factor > bound).reduce((s, [share]) => s + share, 0), 0);
    const expected = late / calls;
    expect(expected).toBeGreaterThan(0);
    const ratio = await waitFor("the TTFT SLO ratio", async () => (await instantQuery(prometheus.url, SLO_SERIES.slowFirstToken("5m")))[0]);
    expect(ratio.metric.job).toBe("llm-service");
    expect(Number(ratio.value[1])).toBeCloseTo(expected, 6);
  });
});
