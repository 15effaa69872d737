import { afterAll, beforeAll, describe, expect, test } from "vitest";
import OpenAI from "openai";
import { catalogMetric } from "../../metrics/catalog/metrics.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { startConformance, type ConformanceRun, type EmitterUnderTest } from "../support/emitters/conformance.ts";
import { conformanceTests } from "../support/emitters/conformanceTests.ts";
import { startServiceProcess } from "../support/emitters/serviceProcess.ts";
import { runCalls } from "../support/emitters/openaiCalls.ts";
import { plannedCalls, worldJson } from "../support/emitters/world.ts";
import { requirePython } from "../support/python.ts";

/**
 * vLLM needs a GPU, so its /metrics is replayed: two OpenAI-compatible servers, one per model, that record
 * what vLLM's PrometheusStatLogger records for each request they serve (vllm_replay.py), as vLLM 0.11
 * (gpt-4o: inter-token latency under its new and its deprecated name at once; no failed-request count) and
 * as vLLM 0.12 on (gpt-4o-mini: finished reason "error"). The openai client calls them directly.
 */
const SERVERS = [
  { model: "gpt-4o", version: "0.11" },
  { model: "gpt-4o-mini", version: "latest" },
] as const;
let run: ConformanceRun;

beforeAll(async () => {
  const python = requirePython();
  const calls = plannedCalls();
  run = await startConformance({
    metricsEndpoints: SERVERS.length,
    start: async ({ metricsPorts }): Promise<EmitterUnderTest> => {
      const servers = await Promise.all(
        SERVERS.map(({ model, version }, i) => startServiceProcess(python, ["vllm_replay.py", worldJson(calls), String(metricsPorts[i]), model, version], `vLLM ${version} (${model})`)),
      );
      const clients = new Map<string, OpenAI>(SERVERS.map(({ model }, i) => [model, new OpenAI({ baseURL: `http://127.0.0.1:${metricsPorts[i]}/v1`, apiKey: "EMPTY", maxRetries: 0 })]));
      return {
        run: () => runCalls((call) => clients.get(call.model)!, calls),
        stop: async () => void (await Promise.all(servers.map((server) => server.stop()))),
        output: () => servers.map((server) => server.output()).join("\n"),
      };
    },
  });
}, 120_000);

afterAll(async () => run?.stop());

describe("vLLM, replayed", () => {
  conformanceTests(() => run, {
    emitter: "vllm",
    durationBuckets: catalogMetric("vllm", "e2e").buckets!,
    // vLLM 0.11 counts no failed request: only the 0.12 server's failures are reported.
    failuresReported: (call) => call.model === "gpt-4o-mini",
  });

  test("model_name is the model, vllm the provider; 0.11's two names for inter-token latency are read once", async () => {
    const speeds = await run.query(SERIES.tokenSpeed);
    expect(speeds.map((s) => `${s.metric.model} ${s.metric.provider}`).sort()).toEqual(["gpt-4o vllm", "gpt-4o-mini vllm"]);
    const [both] = await run.query('count(group by (__name__) ({__name__=~"vllm:(inter_token_latency|time_per_output_token)_seconds_count", model_name="gpt-4o"}))');
    expect(Number(both!.value[1])).toBe(2);
    // Each server decodes at its profile's speed; counted twice, gpt-4o's would be no different, but its calls would.
    const byModel = Object.fromEntries(speeds.map((s) => [s.metric.model, Number(s.value[1])]));
    expect(byModel["gpt-4o"]).toBeGreaterThan(40);
    expect(byModel["gpt-4o"]).toBeLessThan(60);
  });
});
