import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import { formatReplay, replayAlerts, type ReplayResult } from "./replay/harness.ts";
import { LLM_SERVICE_JOB } from "./replay/scenario.ts";

/**
 * Every alert scored on a day and a half of realistic traffic it was not tuned to (see replay/): each fault
 * must be detected by an alert about its symptom within 15 minutes, and no alert may fire while the
 * traffic is healthy, with one replica per service and with ten, on different seeds. The table is printed.
 * Recorded totals must agree with the counters' own increase within TOTALS_TOLERANCE: they lose only the
 * first minute of a pod Prometheus had never scraped (a deployment replaces every pod once in the replay).
 */
const DETECT_WITHIN_MINUTES = 15;
const TOTALS_TOLERANCE = 0.005;
/** Small counts (failures) may be off by a few events: a deployment's first minute of failures. */
const TOTALS_SLACK = 3;

// Every threshold, `for:` and window at its default; rules rendered for one sample and evaluation a minute.
const config = parseStackConfig({ values: { prometheus: { scrapeInterval: "1m", evaluationInterval: "1m" }, llmService: { jobName: LLM_SERVICE_JOB } }, secrets: {} }, STACK_FACTS);

describe.each([
  { replicas: 1, seed: 20251130 },
  { replicas: 10, seed: 7 },
])("the alerts on replayed traffic, $replicas replica(s) per service", ({ replicas, seed }) => {
  let result: ReplayResult;

  test("the replay runs, and prints the table", async () => {
    result = await replayAlerts(config, replicas, seed);
    console.log(formatReplay(result));
  }, 600_000);

  test(`every fault is detected within ${DETECT_WITHIN_MINUTES} minutes by an alert about it`, () => {
    const late = result.detections.filter((d) => d.minutes === undefined || d.minutes > DETECT_WITHIN_MINUTES);
    expect(late.map((d) => `${d.fault.fault} on ${d.fault.job}: ${d.alert ?? "no alert"} ${d.minutes ?? ""}`)).toEqual([]);
  });

  test("no warning or critical alert fires while the traffic is healthy", () => {
    expect(result.falseAlarms.map((f) => `${f.alert} (${f.severity}) ${JSON.stringify(f.labels)}`)).toEqual([]);
  });

  test(`recorded calls, failures and spend agree with the counters' own increase within ${TOTALS_TOLERANCE * 100}% (or ${TOTALS_SLACK} events)`, () => {
    expect(result.totals.length).toBeGreaterThan(0);
    for (const t of result.totals) expect(Math.abs(t.recorded - t.truth), `${t.job} ${t.what}: ${t.recorded} / ${t.truth}`).toBeLessThanOrEqual(Math.max(t.truth * TOTALS_TOLERANCE, TOTALS_SLACK));
  });
});
