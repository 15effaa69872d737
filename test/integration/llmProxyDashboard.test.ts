import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { freePort, waitFor } from "../../cli/local/processes.ts";
import { startNodeExporter, startPrometheus, type RunningPrometheus } from "../../cli/local/prometheus.ts";
import { instantQuery } from "../../cli/local/prometheusApi.ts";
import { hasData, panelQueries, runPanelQuery, variableValues, type Interpolation } from "../../cli/local/grafanaQueries.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { fastConfig, renderedDashboard } from "../support/grafana/dashboards.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../support/emitters/fakeOpenAi.ts";
import { startServiceProcess, type ServiceProcess } from "../support/emitters/serviceProcess.ts";
import { plannedCalls, worldJson } from "../support/emitters/world.ts";
import type { CallOutcome } from "../support/emitters/openaiCalls.ts";
import { requirePython } from "../support/python.ts";

/**
 * Seed 003's three services (proxy, context service, health worker), each its own Python process with
 * prometheus_client, scraped as three jobs by the real pinned Prometheus from the rendered stack, with a
 * real node-exporter: every panel of the LLM Proxy dashboard has data, and the proxy's LLM calls land in
 * the canonical series exactly once.
 */
const JOBS = ["llm-proxy", "context-service", "health-worker"] as const;
let fake: FakeOpenAi;
let prometheus: RunningPrometheus;
let outcomes: CallOutcome[];
let started: number;
const stoppers: (() => Promise<void>)[] = [];
let config: ReturnType<typeof fastConfig>;

const how = (): Interpolation => {
  const seconds = Math.ceil(Date.now() / 1000 - started) + 5;
  return { range: `${seconds}s`, rangeSeconds: seconds, rateInterval: "10s" };
};

beforeAll(async () => {
  const python = requirePython();
  fake = await startFakeOpenAi();
  stoppers.push(() => fake.close());
  const [prometheusPort, exporterPort, unused, ...metricsPorts] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  config = fastConfig({ llmService: JOBS.map((jobName, i) => ({ jobName, targets: [`127.0.0.1:${metricsPorts[i]}`] })) });
  const ports: Record<string, number> = { prometheus: prometheusPort!, "node-exporter": exporterPort! };
  const dir = mkdtempSync(join(tmpdir(), "llmobs-proxy-"));
  const stack = describeStack(config, { peer: (name) => `127.0.0.1:${ports[name] ?? unused}`, loopback: () => `127.0.0.1:${prometheusPort}` });
  writeRenderedFiles(renderedFiles(stack), dir);
  const exporter = await startNodeExporter(stack, exporterPort!);
  stoppers.push(() => exporter.stop());
  prometheus = await startPrometheus({ stack, renderDir: dir, port: prometheusPort! });
  stoppers.push(() => prometheus.stop());
  const start = async (args: string[], what: string): Promise<ServiceProcess> => {
    const service = await startServiceProcess(python, ["seed003_services.py", ...args], what);
    stoppers.push(() => service.stop());
    return service;
  };
  const proxy = await start(["proxy", worldJson(plannedCalls()), fake.baseUrl, String(metricsPorts[0])], "seed 003's proxy");
  await start(["context", String(metricsPorts[1])], "seed 003's context service");
  await start(["worker", fake.baseUrl, String(metricsPorts[2])], "seed 003's health worker");
  const query = (expr: string) => instantQuery(prometheus.url, expr);
  for (const job of JOBS) {
    await waitFor(`the ${job} target scraped a few times`, async () => ((await query(`count_over_time(up{job="${job}"}[1m]) >= 3`)).length ? true : undefined), {
      timeoutMs: 30_000,
      context: () => `${proxy.output()}\n${prometheus.output()}`,
    });
  }
  started = Date.now() / 1000;
  outcomes = await proxy.run();
  // A scrape and an evaluation a second each; then a few more scrapes for the rates.
  await waitFor("the proxy's calls recorded", async () => {
    const [sample] = await query(`sum(sum_over_time(${SERIES.requests}{job="llm-proxy"}[5m]))`);
    return sample && Number(sample.value[1]) === fake.served.length ? true : undefined;
  }, { timeoutMs: 30_000, context: () => prometheus.output() });
  await new Promise((resolve) => setTimeout(resolve, 4000));
}, 180_000);

afterAll(async () => {
  for (const stop of stoppers.reverse()) await stop();
});

describe("LLM Proxy dashboard on seed 003's three services", () => {
  const layout = fastConfig({ llmService: JOBS.map((jobName) => ({ jobName, targets: ["127.0.0.1:1"] })) });
  const queries = panelQueries(renderedDashboard(layout, "llm-proxy.json"));

  test.each(queries.map((q) => [`${q.panel} ${q.refId}`, q] as const))("%s has data", async (_, query) => {
    const result = await runPanelQuery(prometheus.url, query, how());
    expect(hasData(result.samples), result.expr).toBe(true);
  });

  test("the service variable lists the three jobs", async () => {
    const variable = renderedDashboard(config, "llm-proxy.json").templating!.list.find((v) => v.name === "job")!;
    expect((await variableValues(prometheus.url, variable, how())).sort()).toEqual([...JOBS].sort());
  });

  test("the proxy's LLM calls, failures and cache answers land in the canonical series once each", async () => {
    const total = async (series: string) => Number((await instantQuery(prometheus.url, `sum(sum_over_time(${series}[${how().range}]))`))[0]?.value[1]);
    const upstreamFailures = fake.served.filter((call) => call.status !== 200).length;
    expect(upstreamFailures).toBeGreaterThan(0);
    expect(await total(SERIES.requests)).toBe(fake.served.length);
    expect(await total(SERIES.errors)).toBe(upstreamFailures);
    expect(await total(SERIES.cacheHits)).toBe(outcomes.length - fake.served.length);
    expect(await total(SERIES.cacheMisses)).toBe(fake.served.length);
    const tokens = await instantQuery(prometheus.url, `sum by (direction) (sum_over_time(${SERIES.tokens}[${how().range}]))`);
    const of = (direction: string) => Number(tokens.find((s) => s.metric.direction === direction)?.value[1]);
    expect(of("input")).toBe(fake.served.reduce((sum, call) => sum + call.promptTokens, 0));
    expect(of("output")).toBe(fake.served.reduce((sum, call) => sum + call.completionTokens, 0));
  });

  test("the health worker's unreachable provider is 0, the upstream 1", async () => {
    const status = await instantQuery(prometheus.url, 'provider_status{job="health-worker"}');
    expect(Object.fromEntries(status.map((s) => [s.metric.provider, s.value[1]]))).toEqual({ openai: "1", backup: "0" });
  });
});
