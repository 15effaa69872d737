import { afterAll, beforeAll, describe } from "vitest";
import { catalogMetric } from "../../metrics/catalog/metrics.ts";
import { startConformance, type ConformanceRun } from "../support/emitters/conformance.ts";
import { conformanceTests } from "../support/emitters/conformanceTests.ts";
import { startServiceProcess } from "../support/emitters/serviceProcess.ts";
import { plannedCalls, worldJson } from "../support/emitters/world.ts";
import { requirePython } from "../support/python.ts";

/**
 * Seed 004's metrics as its text describes them, recorded with Python's prometheus_client by a service
 * that calls the fake OpenAI endpoint (MyLLMService: record_request, record_error, active requests, a
 * response cache) and serves them on /metrics, scraped by the pinned Prometheus.
 */
let run: ConformanceRun;

beforeAll(async () => {
  const python = requirePython();
  run = await startConformance({
    metricsEndpoints: 1,
    start: ({ upstream, metricsPorts }) => startServiceProcess(python, ["seed004_service.py", worldJson(plannedCalls()), upstream, String(metricsPorts[0])], "seed 004's service"),
  });
}, 120_000);

afterAll(async () => run?.stop());

describe("prometheus_client (seed 004)", () => {
  conformanceTests(() => run, {
    emitter: "prometheus-client",
    durationBuckets: catalogMetric("usage", "duration").buckets!,
  });
});
