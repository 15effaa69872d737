import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLlmPrometheus, type LlmPrometheus } from "../support/prometheus/llmPrometheus.ts";
import { usageFamilies } from "../../synthetic/vocabularies.ts";
import { healthyWorkload } from "../../synthetic/workload.ts";
import { fastConfig, renderedDashboard } from "../support/grafana/dashboards.ts";
import { hasData, panelQueries, runPanelQuery, variableValues, type Interpolation, type RangeSeries } from "../../cli/local/grafanaQueries.ts";
import { instantQuery, type Sample } from "../../cli/local/prometheusApi.ts";

/**
 * The LLM Usage & Cost dashboard against a real Prometheus fed only seed 004's usage vocabulary:
 * every panel query and template variable returns data, and the numbers are the workload's.
 */
const dashboard = renderedDashboard(fastConfig(), "llm-usage.json");
const queries = panelQueries(dashboard);
const how: Interpolation = { range: "1m", rangeSeconds: 60, rateInterval: "10s" };
let prometheus: LlmPrometheus;

beforeAll(async () => {
  prometheus = await startLlmPrometheus((elapsed) => usageFamilies(healthyWorkload(), elapsed));
  // A few more evaluations, so range queries have several points.
  await new Promise((resolve) => setTimeout(resolve, 3000));
});

afterAll(async () => prometheus?.stop());

async function value(panel: string, values: Interpolation["values"] = {}): Promise<Sample[]> {
  const query = queries.find((q) => q.panel === panel)!;
  return (await runPanelQuery(prometheus.url, query, { ...how, values })).samples as Sample[];
}

describe("LLM Usage & Cost, fed only the usage vocabulary", () => {
  test("has the 13 panels of seed 004", () => {
    expect(dashboard.panels.map((panel) => `${panel.title} (${panel.type})`)).toEqual([
      "Total LLM Requests (stat)",
      "Total Cost 24h (stat)",
      "Cache Hit Rate (gauge)",
      "Error Rate (stat)",
      "Requests per Agent (timeseries)",
      "Cost per Team (piechart)",
      "Request Latency Distribution (timeseries)",
      "Token Usage by Model (timeseries)",
      "Cache Performance (timeseries)",
      "Error Rate by Provider (timeseries)",
      "Cost Breakdown by Model (bargauge)",
      "Active Requests (timeseries)",
      "Request Success Rate (timeseries)",
    ]);
  });

  test.each(queries.map((q) => [`${q.panel} ${q.refId}`, q] as const))("%s returns data", async (_, query) => {
    const result = await runPanelQuery(prometheus.url, query, how);
    expect(hasData(result.samples), result.expr).toBe(true);
  });

  test.each(dashboard.templating!.list.map((v) => [v.name, v] as const))("variable %s returns values", async (_, variable) => {
    expect((await variableValues(prometheus.url, variable, how)).length).toBeGreaterThan(0);
  });

  test("healthy traffic raises no LLM alert, not even a pending one", async () => {
    const alerts = await instantQuery(prometheus.url, 'ALERTS{alertname=~"LLM.*"}');
    expect(alerts.map((a) => `${a.metric.alertname} ${a.metric.alertstate}`)).toEqual([]);
  });

  test("the agent variable lists every agent", async () => {
    const agent = dashboard.templating!.list.find((v) => v.name === "agent_id")!;
    expect(await variableValues(prometheus.url, agent, how)).toEqual(["agent.svea.pm", "meetmind.coordinator", "meetmind.summarizer"]);
  });

  test("Error Rate is the workload's 0.5%", async () => {
    expect(Number((await value("Error Rate"))[0]!.value[1])).toBeCloseTo(0.005, 4);
  });

  test("Cache Hit Rate is the workload's 40%", async () => {
    expect(Number((await value("Cache Hit Rate"))[0]!.value[1])).toBeCloseTo(0.4, 3);
  });

  test("Cost per Team derives meetmind and svea from agent_id", async () => {
    const teams = (await value("Cost per Team")).map((sample) => sample.metric.team).sort();
    expect(teams).toEqual(["meetmind", "svea"]);
  });

  test("an explicit team assignment wins over the pattern", async () => {
    const custom = renderedDashboard(fastConfig({ dashboards: { teams: { agents: { "agent.svea.pm": "platform" } } } }), "llm-usage.json");
    const query = panelQueries(custom).find((q) => q.panel === "Cost per Team")!;
    const teams = ((await runPanelQuery(prometheus.url, query, how)).samples as Sample[]).map((sample) => sample.metric.team).sort();
    expect(teams).toEqual(["meetmind", "platform"]);
  });

  test("Token Usage by Model splits input and output 3:1, as the workload does", async () => {
    const query = queries.find((q) => q.panel === "Token Usage by Model")!;
    const series = (await runPanelQuery(prometheus.url, query, how)).samples as RangeSeries[];
    const last = (model: string, direction: string) =>
      Number(series.find((s) => s.metric.model === model && s.metric.direction === direction)!.values.at(-1)![1]);
    expect(last("gpt-4o", "input") / last("gpt-4o", "output")).toBeCloseTo(3, 2);
  });

  test("selecting one agent narrows the panels to it", async () => {
    const query = queries.find((q) => q.panel === "Requests per Agent")!;
    // Grafana escapes a selected value's regex metacharacters for PromQL: agent.svea.pm becomes agent\\.svea\\.pm in the query text.
    const series = (await runPanelQuery(prometheus.url, query, { ...how, values: { agent_id: "agent\\\\.svea\\\\.pm" } })).samples as RangeSeries[];
    expect(series.map((s) => s.metric.agent_id)).toEqual(["agent.svea.pm"]);
  });
});
