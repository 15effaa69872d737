import { afterAll, beforeAll, describe } from "vitest";
import { startConformance, type ConformanceRun } from "../support/emitters/conformance.ts";
import { conformanceTests } from "../support/emitters/conformanceTests.ts";
import { openLitChecks, startOpenLitService, OPENLIT_DURATION_BUCKETS } from "../support/emitters/openlit.ts";

/**
 * OpenLIT (npm) around the real openai client, its metrics pushed by the OpenTelemetry JS SDK's OTLP
 * exporter into Prometheus 3's OTLP receiver (unit suffixes added by its translation), its spans to Jaeger.
 */
let run: ConformanceRun;

beforeAll(async () => {
  run = await startConformance({
    metricsEndpoints: 0,
    jaeger: true,
    start: ({ upstream, otlpMetricsUrl, jaegerOtlpHttp }) => startOpenLitService({ upstream, traces: jaegerOtlpHttp!, metrics: { otlpUrl: otlpMetricsUrl, exportMillis: 1000 } }),
  });
}, 120_000);

afterAll(async () => run?.stop());

describe("OpenLIT pushing OTLP into Prometheus", () => {
  conformanceTests(() => run, { emitter: "openlit-otlp", durationBuckets: OPENLIT_DURATION_BUCKETS });
  openLitChecks(() => run, { suffixed: true });
});
