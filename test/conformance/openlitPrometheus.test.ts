import { afterAll, beforeAll, describe } from "vitest";
import { startConformance, type ConformanceRun } from "../support/emitters/conformance.ts";
import { conformanceTests } from "../support/emitters/conformanceTests.ts";
import { openLitChecks, startOpenLitService, OPENLIT_DURATION_BUCKETS } from "../support/emitters/openlit.ts";

/**
 * OpenLIT (npm) around the real openai client, its metrics read by the OpenTelemetry JS Prometheus exporter
 * (no unit suffixes) and scraped; its spans sent to Jaeger, whose span metrics count the failed calls
 * OpenLIT's metrics leave out.
 */
let run: ConformanceRun;

beforeAll(async () => {
  run = await startConformance({
    metricsEndpoints: 1,
    jaeger: true,
    start: ({ upstream, metricsPorts, jaegerOtlpHttp }) => startOpenLitService({ upstream, traces: jaegerOtlpHttp!, metrics: { prometheusPort: metricsPorts[0]! } }),
  });
}, 120_000);

afterAll(async () => run?.stop());

describe("OpenLIT through the OpenTelemetry Prometheus exporter", () => {
  // The spans count every call; OpenLIT's duration histogram times the successful ones.
  conformanceTests(() => run, { emitter: "openlit-prometheus", durationBuckets: OPENLIT_DURATION_BUCKETS });
  openLitChecks(() => run, { suffixed: false });
});
