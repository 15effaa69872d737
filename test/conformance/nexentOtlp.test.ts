import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { catalogMetric } from "../../metrics/catalog/metrics.ts";
import { startConformance, type ConformanceRun } from "../support/emitters/conformance.ts";
import { conformanceTests } from "../support/emitters/conformanceTests.ts";
import { startServiceProcess } from "../support/emitters/serviceProcess.ts";
import { plannedCalls, worldJson } from "../support/emitters/world.ts";
import { requirePython } from "../support/python.ts";

/**
 * Nexent today (sdk/nexent/monitor/monitoring.py): llm.request.duration, llm.token.generation_rate,
 * llm.time_to_first_token, llm.token_count.prompt and .completion, llm.error.count with llm.model_name,
 * pushed over OTLP/HTTP by the OpenTelemetry Python SDK into Prometheus' OTLP receiver (every second here;
 * Nexent's own interval is a minute).
 */
let run: ConformanceRun;

beforeAll(async () => {
  const python = requirePython();
  run = await startConformance({
    metricsEndpoints: 0,
    start: ({ upstream, otlpMetricsUrl }) =>
      startServiceProcess(python, ["nexent_service.py", worldJson(plannedCalls()), upstream, "otlp", otlpMetricsUrl, "1000"], "Nexent's service"),
  });
}, 120_000);

afterAll(async () => run?.stop());

describe("Nexent today, pushing OTLP", () => {
  conformanceTests(() => run, { emitter: "nexent-otlp", timed: () => true, durationBuckets: catalogMetric("performance", "duration").buckets! });

  test("Prometheus 3's translation names them with unit suffixes, the model in llm_model_name, the service as job", async () => {
    const names = (await run.query('group by (__name__) ({__name__=~"llm_.+", job="nexent-backend"})')).map((s) => s.metric.__name__).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        "llm_error_count_errors_total",
        "llm_request_duration_seconds_count",
        "llm_time_to_first_token_seconds_count",
        "llm_token_count_completion_tokens_total",
        "llm_token_count_prompt_tokens_total",
        "llm_token_generation_rate_tokens_per_second_count",
      ]),
    );
    const labels = (await run.query("llm_request_duration_seconds_count")).map((s) => s.metric.llm_model_name).sort();
    expect(labels).toEqual(["gpt-4o", "gpt-4o-mini"]);
  });
});
