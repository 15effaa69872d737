import { afterAll, beforeAll, describe, expect, test } from "vitest";
import OpenAI from "openai";
import { catalogMetric } from "../../metrics/catalog/metrics.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { startConformance, type ConformanceRun, type EmitterUnderTest } from "../support/emitters/conformance.ts";
import { conformanceTests } from "../support/emitters/conformanceTests.ts";
import { startServiceProcess } from "../support/emitters/serviceProcess.ts";
import { runCalls } from "../support/emitters/openaiCalls.ts";
import { AGENTS, plannedCalls, worldJson } from "../support/emitters/world.ts";
import { requirePython } from "../support/python.ts";

/**
 * A LiteLLM proxy's /metrics, replayed (litellm_replay.py): an OpenAI-compatible proxy in front of the fake
 * endpoint, with a virtual key per agent in one team, a response cache and budgets, recording what LiteLLM's
 * Prometheus callback records. The openai client calls it with each agent's key.
 */
let run: ConformanceRun;

beforeAll(async () => {
  const python = requirePython();
  const calls = plannedCalls();
  run = await startConformance({
    metricsEndpoints: 1,
    start: async ({ upstream, metricsPorts }): Promise<EmitterUnderTest> => {
      const proxy = await startServiceProcess(python, ["litellm_replay.py", worldJson(calls), String(metricsPorts[0]), upstream], "the LiteLLM proxy");
      const clients = new Map<string, OpenAI>(AGENTS.map((agent) => [agent, new OpenAI({ baseURL: `http://127.0.0.1:${metricsPorts[0]}/v1`, apiKey: `sk-${agent}`, maxRetries: 0 })]));
      return { run: () => runCalls((call) => clients.get(call.agent)!, calls), stop: () => proxy.stop(), output: () => proxy.output() };
    },
  });
}, 120_000);

afterAll(async () => run?.stop());

describe("LiteLLM, replayed", () => {
  conformanceTests(() => run, { emitter: "litellm", durationBuckets: catalogMetric("litellm", "latency").buckets! });

  test("the virtual key is the agent (team alias.key alias), so the team is LiteLLM's team", async () => {
    const agents = await run.query(`group by (agent_id) (${SERIES.requests})`);
    expect(agents.map((s) => s.metric.agent_id).sort()).toEqual([...AGENTS].sort());
  });

  test("its budgets: what each team and key has left, as LiteLLM reports it", async () => {
    const left = await run.query(`${SERIES.budgetRemaining} / on (job, budget) ${SERIES.budget}`);
    expect(left.map((s) => s.metric.budget).sort()).toEqual(["key reply", "key triage", "team support"]);
    for (const budget of left) expect(Number(budget.value[1])).toBeLessThan(1);
  });
});
