import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { catalogMetric } from "../../metrics/catalog/metrics.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { startConformance, type ConformanceRun } from "../support/emitters/conformance.ts";
import { conformanceTests } from "../support/emitters/conformanceTests.ts";
import { startServiceProcess } from "../support/emitters/serviceProcess.ts";
import { plannedCalls, worldJson } from "../support/emitters/world.ts";
import { requirePython } from "../support/python.ts";

/**
 * Seed 000's instruments as Nexent records them (sdk/nexent/monitor/monitoring.py before it moved to OTLP:
 * llm_request_duration_seconds, llm_token_generation_rate, llm_time_to_first_token_seconds,
 * llm_total_tokens, llm_error_count), with the OpenTelemetry Python SDK and its Prometheus exporter, whose
 * names carry unit suffixes (llm_token_generation_rate_tokens_per_second, llm_error_count_errors_total) and
 * whose histograms keep the SDK's default buckets (no bound between 0 and 5 s).
 */
let run: ConformanceRun;

beforeAll(async () => {
  const python = requirePython();
  run = await startConformance({
    metricsEndpoints: 1,
    start: ({ upstream, metricsPorts }) =>
      startServiceProcess(python, ["nexent_service.py", worldJson(plannedCalls()), upstream, "prometheus", String(metricsPorts[0])], "Nexent's service"),
  });
}, 120_000);

afterAll(async () => run?.stop());

describe("Nexent (seed 000) through the OpenTelemetry Python Prometheus exporter", () => {
  conformanceTests(() => run, {
    emitter: "nexent",
    // Nexent times every call, failed ones too.
    timed: () => true,
    durationBuckets: catalogMetric("performance", "duration").buckets!,
  });

  test("the exporter adds unit suffixes: the suffixed names are the ones scraped", async () => {
    const names = (await run.query('group by (__name__) ({__name__=~"llm_.+", job="llm-service"})')).map((s) => s.metric.__name__);
    expect(names).toEqual(expect.arrayContaining(["llm_token_generation_rate_tokens_per_second_count", "llm_error_count_errors_total", "llm_total_tokens_total"]));
    expect(names).not.toContain("llm_token_generation_rate_count");
  });

  test("its default buckets lack the objective's 1 s: the info alert names the histogram, pending for its 10 minutes", async () => {
    const pending = await run.query('ALERTS{alertname="LLMTimeToFirstTokenObjectiveInterpolated"}');
    expect(pending.map((a) => `${a.metric.model} ${a.metric.alertstate}`).sort()).toEqual(["gpt-4o pending", "gpt-4o-mini pending"]);
    const bounds = catalogMetric("performance", "ttft").buckets!.length;
    expect((await run.query(`count by (model) (${SERIES.ttftBuckets}{le!="+Inf"})`)).map((s) => Number(s.value[1]))).toEqual([bounds, bounds]);
  });
});
