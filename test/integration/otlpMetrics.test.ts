import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { CATALOG } from "../../metrics/catalog/metrics.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { fastConfig, renderedDashboard } from "../support/grafana/dashboards.ts";
import { freePort, waitFor } from "../../cli/local/processes.ts";
import { startPrometheus, type RunningPrometheus } from "../../cli/local/prometheus.ts";
import { instantQuery } from "../../cli/local/prometheusApi.ts";
import { hasData, panelQueries, runPanelQuery, type Interpolation } from "../../cli/local/grafanaQueries.ts";
import { genAiEmitter, type GenAiEmitter, type GenAiModel } from "../support/opentelemetry/genAiEmitter.ts";

/**
 * OpenTelemetry GenAI metrics pushed by the OpenTelemetry JS SDK's OTLP exporter to the pinned Prometheus'
 * OTLP receiver (enabled by its description's flag), named by Prometheus' default translation, then
 * recorded and read by the LLM Performance dashboard.
 */
const SERVICE = "llm-gateway";
const MODELS: GenAiModel[] = [
  { model: "gpt-4o", provider: "openai", failEvery: 10, durationSeconds: 1.5, ttftSeconds: 0.3, tokensPerSecond: 45, inputTokens: 600, outputTokens: 200 },
  { model: "claude-sonnet-4", provider: "anthropic", failEvery: 20, durationSeconds: 1.8, ttftSeconds: 0.35, tokensPerSecond: 35, inputTokens: 800, outputTokens: 300 },
];
const config = fastConfig();
const how: Interpolation = { range: "1m", rangeSeconds: 60, rateInterval: "10s" };
let prometheus: RunningPrometheus;
let emitter: GenAiEmitter;
let ticker: NodeJS.Timeout;

beforeAll(async () => {
  const [port, unused] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), "llmobs-otlp-"));
  const stack = describeStack(config, { peer: (name) => `127.0.0.1:${name === "prometheus" ? port : unused}` });
  writeRenderedFiles(renderedFiles(stack), dir);
  prometheus = await startPrometheus({ stack, renderDir: dir, port });
  emitter = genAiEmitter(SERVICE, `${prometheus.url}/api/v1/otlp/v1/metrics`, MODELS);
  ticker = setInterval(() => emitter.call(), 100);
  await waitFor(
    "the GenAI series to be recorded for every model",
    async () => ((await instantQuery(prometheus.url, `count(${SERIES.tokenSpeed}{vocabulary="genai"}) == ${MODELS.length}`)).length ? true : undefined),
    { timeoutMs: 45_000, context: prometheus.output },
  );
  // A few more pushes, for the dashboards' 10 s rate windows.
  await new Promise((resolve) => setTimeout(resolve, 4000));
}, 90_000);

afterAll(async () => {
  clearInterval(ticker);
  await emitter?.shutdown();
  await prometheus?.stop();
});

describe("GenAI metrics pushed over OTLP", () => {
  test("land under the catalog's names: Prometheus 3's default translation (units as suffixes, dots as underscores)", async () => {
    const names = (await instantQuery(prometheus.url, `group by (__name__) ({__name__=~"gen_ai_.+", job="${SERVICE}"})`)).map((s) => s.metric.__name__).sort();
    const catalogued = CATALOG.filter((metric) => metric.vocabulary === "genai").flatMap((metric) => ["_bucket", "_count", "_sum"].map((suffix) => metric.name + suffix));
    expect(names).toEqual(catalogued.sort());
  });

  test("with the attributes as the catalog's labels, and service.name as job", async () => {
    const series = await instantQuery(prometheus.url, `gen_ai_client_operation_duration_seconds_count{gen_ai_request_model="gpt-4o"}`);
    const labels = series.map((s) => s.metric);
    expect(labels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ job: SERVICE, gen_ai_operation_name: "chat", gen_ai_provider_name: "openai" }),
        expect.objectContaining({ job: SERVICE, error_type: "timeout" }),
      ]),
    );
  });

  test("the recording rules turn them into the canonical series: output speed and error share per model", async () => {
    const speeds = await instantQuery(prometheus.url, `${SERIES.tokenSpeed}{vocabulary="genai"}`);
    for (const m of MODELS) {
      const speed = speeds.find((s) => s.metric.model === m.model);
      expect(speed?.metric.provider, m.model).toBe(m.provider);
      expect(Number(speed!.value[1])).toBeCloseTo(m.tokensPerSecond, 6);
    }
    const errorShare = await instantQuery(prometheus.url, `sum by (model) (${SERIES.errors()}) / sum by (model) (${SERIES.requests()})`);
    for (const m of MODELS) {
      expect(Number(errorShare.find((s) => s.metric.model === m.model)!.value[1])).toBeCloseTo(1 / m.failEvery, 1);
    }
  });

  const dashboard = renderedDashboard(config, "llm-performance.json");
  test.each(panelQueries(dashboard).map((q) => [`${q.panel} ${q.refId}`, q] as const))("LLM Performance: %s returns data", async (_, query) => {
    const result = await runPanelQuery(prometheus.url, query, how);
    expect(hasData(result.samples), result.expr).toBe(true);
  });
});
