import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLlmPrometheus, type LlmPrometheus } from "../support/prometheus/llmPrometheus.ts";
import { genAiFamilies, performanceFamilies } from "../../synthetic/vocabularies.ts";
import { healthyWorkload } from "../../synthetic/workload.ts";
import { meanOf, mergeFamilies, type Family } from "../../synthetic/families.ts";
import { fastConfig, renderedDashboard } from "../support/grafana/dashboards.ts";
import { hasData, panelQueries, runPanelQuery, variableValues, type Interpolation } from "../../cli/local/grafanaQueries.ts";
import { instantQuery, type Sample } from "../../cli/local/prometheusApi.ts";
import { SERIES } from "../../metrics/canonical.ts";

/**
 * The LLM Performance dashboard against a real Prometheus, fed once only seed 000's metrics and once only
 * OpenTelemetry GenAI metrics: the same dashboard, the same numbers.
 */
const dashboard = renderedDashboard(fastConfig(), "llm-performance.json");
const queries = panelQueries(dashboard);
const how: Interpolation = { range: "1m", rangeSeconds: 60, rateInterval: "10s" };
const workload = healthyWorkload();
const models = workload.map((p) => p.model).sort();

function suite(name: string, render: (elapsed: number) => Family[], expectedSpeed: number, providers: string[]) {
  describe(`LLM Performance, fed only ${name}`, () => {
    let prometheus: LlmPrometheus;
    beforeAll(async () => {
      prometheus = await startLlmPrometheus(render);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    });
    afterAll(async () => prometheus?.stop());

    const first = async (panel: string) => {
      const query = queries.find((q) => q.panel === panel)!;
      return Number(((await runPanelQuery(prometheus.url, query, how)).samples as Sample[])[0]!.value[1]);
    };

    test.each(queries.map((q) => [`${q.panel} ${q.refId}`, q] as const))("%s returns data", async (_, query) => {
      const result = await runPanelQuery(prometheus.url, query, how);
      expect(hasData(result.samples), result.expr).toBe(true);
    });

    test("healthy traffic raises no LLM alert, not even a pending one", async () => {
      const alerts = await instantQuery(prometheus.url, 'ALERTS{alertname=~"LLM.*"}');
      expect(alerts.map((a) => `${a.metric.alertname} ${a.metric.alertstate}`)).toEqual([]);
    });

    test("the model variable lists every model", async () => {
      const variable = dashboard.templating!.list.find((v) => v.name === "model")!;
      expect(await variableValues(prometheus.url, variable, how)).toEqual(models);
    });

    test("token generation rate is the workload's", async () => {
      expect(await first("Token Generation Rate (now)")).toBeCloseTo(expectedSpeed, 1);
    });

    test(`providers recorded: ${providers.join(", ") || "none (the vocabulary has no provider)"}`, async () => {
      const recorded = await instantQuery(prometheus.url, `count by (provider) (${SERIES.requests()})`);
      expect(recorded.map((s) => s.metric.provider ?? "").filter(Boolean).sort()).toEqual(providers);
    });

    test("the error rate per model is the workload's 0.5%", async () => {
      const query = queries.find((q) => q.panel === "Error Rate")!;
      const result = (await runPanelQuery(prometheus.url, query, how)).samples as { metric: Record<string, string>; values: [number, string][] }[];
      expect(result.map((s) => s.metric.model).sort()).toEqual(models);
      for (const series of result) expect(Number(series.values.at(-1)![1])).toBeCloseTo(0.005, 4);
    });
  });
}

const meanSpeed = (speeds: number[]) => speeds.reduce((a, b) => a + b, 0) / speeds.length;

// Seed 000 reports a histogram of per-response speeds spread around each model's speed.
suite("seed 000's performance metrics", (e) => performanceFamilies(workload, e), meanSpeed(workload.map((p) => meanOf(p.tokensPerSecond))), []);

// GenAI reports seconds per output token; one emitter still uses the older gen_ai_system label.
suite(
  "OpenTelemetry GenAI metrics",
  (e) => mergeFamilies(genAiFamilies(workload.slice(0, 2), e), genAiFamilies(workload.slice(2), e, { legacySystem: true })),
  meanSpeed(workload.map((p) => p.tokensPerSecond)),
  ["anthropic", "openai"],
);
