import { expect, test } from "vitest";
import { catalogMetric, type MetricId } from "../../../metrics/catalog/metrics.ts";
import { SPAN_METRICS, SPAN_METRICS_PREFIX } from "../../../metrics/catalog/spanMetrics.ts";
import type { ConformanceRun, EmitterUnderTest } from "./conformance.ts";
import { openlitServiceArgs, startServiceProcess } from "./serviceProcess.ts";
import { MODELS, plannedCalls } from "./world.ts";

/** The service OpenLIT instruments, as its spans and metrics name it. */
export const OPENLIT_SERVICE = "chat-api";

/** OpenLIT's duration histogram's bounds (the GenAI conventions' advice). */
export const OPENLIT_DURATION_BUCKETS = catalogMetric("genai", "duration").buckets!;

export function startOpenLitService(options: { upstream: string; traces: string; metrics: { prometheusPort: number } | { otlpUrl: string; exportMillis: number } }): Promise<EmitterUnderTest> {
  const settings = { service: OPENLIT_SERVICE, upstream: options.upstream, traces: options.traces, metrics: options.metrics, calls: plannedCalls(), models: MODELS };
  return startServiceProcess(process.execPath, openlitServiceArgs(settings), "the OpenLIT service");
}

/** What both OpenLIT paths show beyond the dashboards: the names each path produces, and where the failures are. */
export function openLitChecks(run: () => ConformanceRun, { suffixed }: { suffixed: boolean }): void {
  const names = (id: MetricId<"genai">) => catalogMetric("genai", id).names;
  const form = (id: MetricId<"genai">) => names(id)[suffixed ? 0 : names(id).length - 1]!;

  test(`its names are ${suffixed ? "Prometheus 3's OTLP translation's, with unit suffixes" : "the JS Prometheus exporter's, without unit suffixes"}`, async () => {
    for (const id of ["duration", "ttft", "timePerOutputToken", "cost"] as const) {
      expect((await run().query(`count(${form(id)}_count)`)).length, form(id)).toBe(1);
      const other = names(id).find((name) => name !== form(id));
      if (other) expect((await run().query(`count(${other}_count)`)).length, other).toBe(0);
    }
  });

  test("OpenLIT records nothing for a failed call: its duration histogram counts the successful ones, its spans every one", async () => {
    const outcomes = run().outcomes;
    const [metricCalls] = await run().query(`sum(${form("duration")}_count)`);
    expect(Number(metricCalls!.value[1])).toBe(outcomes.filter((call) => call.ok).length);
    const [errorType] = await run().query(`count(${form("duration")}_count{error_type!=""})`);
    expect(errorType).toBeUndefined();
    const spans = `${SPAN_METRICS_PREFIX}_calls_total{service_name="${OPENLIT_SERVICE}", span_kind="${SPAN_METRICS.clientKind}"}`;
    const [failedSpans] = await run().query(`sum(${spans.replace("}", `, status_code="${SPAN_METRICS.errorStatus}"}`)})`);
    expect(Number(failedSpans!.value[1])).toBe(outcomes.filter((call) => !call.ok).length);
    const [allSpans] = await run().query(`sum(${spans})`);
    expect(Number(allSpans!.value[1])).toBe(outcomes.length);
  });

  test("Jaeger's Monitor tab reads the span metrics back from Prometheus: its metrics API has the service's calls and errors", async () => {
    const endTs = Date.now();
    const params = new URLSearchParams({ service: OPENLIT_SERVICE, spanKind: "client", endTs: String(endTs), lookback: "300000", step: "5000", ratePer: "60000" });
    for (const kind of ["calls", "errors"]) {
      const response = await fetch(`${run().jaegerUi}/api/metrics/${kind}?${params}`);
      expect(response.status, await response.clone().text()).toBe(200);
      const body = (await response.json()) as { metrics: { labels: { name: string; value: string }[]; metricPoints: { gaugeValue: { doubleValue: number } }[] }[] };
      const service = body.metrics.find((metric) => metric.labels.some((label) => label.name === "service_name" && label.value === OPENLIT_SERVICE));
      expect(service?.metricPoints.some((point) => point.gaugeValue.doubleValue > 0), kind).toBe(true);
    }
  });
}
