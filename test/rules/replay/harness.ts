import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackConfig } from "../../../config/schema.ts";
import { ruleFileGroups } from "../../../rules/ruleFiles.ts";
import { isAlertingRule, type AlertingRule } from "../../../rules/model.ts";
import { durationSeconds } from "../../../config/durations.ts";
import { requireTool } from "../../../cli/tools/installed.ts";
import { backfilledPrometheus } from "../../../cli/local/backfilledPrometheus.ts";
import { Traffic } from "../../../synthetic/traffic.ts";
import { writeReplay, type GroundTruth } from "../../../synthetic/replay.ts";
import { HEALTHY_MINUTES, placedFaults, replayShape, replayStreams, SERVICES, TOTAL_MINUTES, type PlacedFault } from "./scenario.ts";

const run = promisify(execFile);
const STEP = 60;

/** One alert instance's firing spells, in minutes from the start of the replay. */
export interface Firing {
  alert: string;
  severity: string;
  labels: Record<string, string>;
  /** [first firing minute, last firing minute] spells. */
  spells: [number, number][];
}

export interface Detection {
  fault: PlacedFault;
  /** The first alert about the symptom that fired for the faulted service, and after how many minutes. */
  alert?: string;
  minutes?: number;
}

export interface ReplayResult {
  replicas: number;
  seed: number;
  detections: Detection[];
  /** Every warning or critical alert that fired while the traffic was healthy. */
  falseAlarms: Firing[];
  /** Info alerts that fired while healthy: notices about the setup (Alertmanager routes them to nobody). */
  notices: Firing[];
  /** Per job: what the recorded totals over the healthy hours came to, beside the counters' own increase. */
  totals: { job: string; what: string; recorded: number; truth: number }[];
  seconds: number;
  samples: number;
}

/**
 * Replays a day and a half of traffic (replayStreams: every vocabulary, `replicas` replicas per service,
 * `seed`) into the pinned Prometheus with promtool's backfill, records every recording rule of the stack
 * over it (backfilledPrometheus: layer by layer), then evaluates each alert every minute over the whole range and honours its
 * `for:` as Prometheus does (pending from the first evaluation with a result, firing once it has held for
 * `for:`). Prometheus runs with a 90-second lookback: a backfill has no staleness markers, and with one
 * sample a minute this makes a series that stopped disappear a scrape later, as the markers would.
 */
export async function replayAlerts(config: StackConfig, replicas: number, seed: number, log: (line: string) => void = () => {}): Promise<ReplayResult> {
  const began = Date.now();
  const promtool = requireTool("promtool");
  requireTool("prometheus");
  const work = mkdtempSync(join(tmpdir(), "llmobs-replay-"));
  const dataDir = join(work, "data");
  mkdirSync(dataDir);
  // Midnight UTC, so the chunks of the backfill fill whole 2-hour blocks, and the replay's hours are the clock's.
  const origin = Math.floor((Date.now() / 1000 - (TOTAL_MINUTES + 120) * 60) / 86400) * 86400;
  const end = origin + (TOTAL_MINUTES - 1) * 60;
  const faults = placedFaults();
  const traffic = new Traffic(replayShape(replicas, seed), replayStreams(), faults, TOTAL_MINUTES);
  let samples = 0;
  const truth: GroundTruth = await writeReplay(traffic, SERVICES, {
    origin,
    path: join(work, "replay.om"),
    chunkMinutes: 6 * 60,
    chunk: async (file) => {
      const { stdout } = await run(promtool, ["tsdb", "create-blocks-from", "openmetrics", file, dataDir], { maxBuffer: 64 * 2 ** 20 });
      samples += [...stdout.matchAll(/^\S+\s+\d+\s+\d+\s+\S+\s+(\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    },
  });
  log(`${replicas} replica(s): ${samples.toLocaleString("en")} samples loaded in ${((Date.now() - began) / 1000).toFixed(0)} s`);

  const prometheus = await backfilledPrometheus({
    config,
    promtool,
    work,
    dataDir,
    start: origin,
    end: end + STEP,
    stepSeconds: STEP,
    extraArgs: ["--query.lookback-delta=90s"],
  });
  try {
    log(`${replicas} replica(s): recording rules backfilled after ${((Date.now() - began) / 1000).toFixed(0)} s`);

    const groups = ruleFileGroups(config).flatMap((file) => file.groups);
    const alerts = groups.flatMap((g) => g.rules.filter(isAlertingRule));
    const firings: Firing[] = [];
    for (const rule of alerts) firings.push(...(await evaluate(prometheus.url, rule, origin, end)));
    const detections = faults.map((fault) => detect(fault, firings));
    const healthy = firings.map((f) => ({ ...f, spells: f.spells.filter(([from]) => from < HEALTHY_MINUTES) })).filter((f) => f.spells.length > 0);
    const falseAlarms = healthy.filter((f) => f.severity !== "info");
    const notices = healthy.filter((f) => f.severity === "info");
    const totals = await recordedTotals(prometheus.url, origin, truth);
    return { replicas, seed, detections, falseAlarms, notices, totals, seconds: (Date.now() - began) / 1000, samples };
  } finally {
    await prometheus.stop();
    if (process.env.LLMOBS_REPLAY_KEEP) log(`kept ${work} (origin ${origin})`);
    else rmSync(work, { recursive: true, force: true });
  }
}

async function queryRange(url: string, expr: string, start: number, end: number): Promise<{ metric: Record<string, string>; values: [number, string][] }[]> {
  const params = new URLSearchParams({ query: expr, start: String(start), end: String(end), step: String(STEP) });
  const response = await fetch(`${url}/api/v1/query_range`, { method: "POST", body: params });
  const body = (await response.json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
  if (body.status !== "success") throw new Error(`query failed: ${expr}: ${body.error}`);
  return body.data.result;
}

/** An alert's firing spells: every minute its expression has a result, held for `for:` minutes before it fires. */
async function evaluate(url: string, rule: AlertingRule, origin: number, end: number): Promise<Firing[]> {
  const holdMinutes = durationSeconds(rule.for) / 60;
  const firings: Firing[] = [];
  for (const series of await queryRange(url, rule.expr, origin, end)) {
    const minutes = series.values.map(([t]) => Math.round((t - origin) / STEP));
    const spells: [number, number][] = [];
    let activeAt: number | undefined;
    let previous: number | undefined;
    for (const minute of minutes) {
      if (previous === undefined || minute !== previous + 1) activeAt = minute;
      if (minute - activeAt! >= holdMinutes) {
        const last = spells.at(-1);
        if (last && last[1] === minute - 1) last[1] = minute;
        else spells.push([minute, minute]);
      }
      previous = minute;
    }
    if (spells.length) firings.push({ alert: rule.alert, severity: rule.labels.severity, labels: { ...series.metric, severity: rule.labels.severity }, spells });
  }
  return firings;
}

/** The first alert about the fault's symptom that fires for the faulted service (or model) while it lasts. */
function detect(fault: PlacedFault, firings: Firing[]): Detection {
  const about = (f: Firing) =>
    fault.detectedBy.includes(f.alert) &&
    (f.labels.job === undefined || f.labels.job === fault.job) &&
    (f.labels.job !== undefined || f.labels.model === undefined || f.labels.model === fault.model);
  let best: Detection = { fault };
  for (const firing of firings.filter(about)) {
    for (const [from, to] of firing.spells) {
      if (to < fault.startMinute || from >= fault.startMinute + fault.minutes) continue;
      const minutes = Math.max(from, fault.startMinute) - fault.startMinute;
      if (best.minutes === undefined || minutes < best.minutes) best = { fault, alert: `${firing.alert} (${firing.severity})`, minutes };
    }
  }
  return best;
}

/** Recorded totals over the healthy hours beside what the counters really added (minutes 1 to the end of the healthy hours). */
async function recordedTotals(url: string, origin: number, truth: GroundTruth) {
  const at = origin + (HEALTHY_MINUTES - 1) * STEP;
  const window = `${(HEALTHY_MINUTES - 1) * STEP}s`;
  const out: { job: string; what: string; recorded: number; truth: number }[] = [];
  const series = { calls: "job:llm_requests:increase", failures: "job:llm_request_errors:increase", costUsd: "job:llm_cost_usd:increase" } as const;
  for (const [what, record] of Object.entries(series) as [keyof typeof series, string][]) {
    const params = new URLSearchParams({ query: `sum by (job) (sum_over_time(${record}[${window}]))`, time: String(at) });
    const body = (await (await fetch(`${url}/api/v1/query`, { method: "POST", body: params })).json()) as { data: { result: { metric: { job: string }; value: [number, string] }[] } };
    for (const { metric, value } of body.data.result) {
      const minutes = truth[what].get(metric.job) ?? [];
      out.push({ job: metric.job, what, recorded: Number(value[1]), truth: minutes.slice(1, HEALTHY_MINUTES).reduce((a, b) => a + b, 0) });
    }
  }
  return out;
}

/** The table the issue asks for: fault, service, alert, minutes to detect; then the false alarms. */
export function formatReplay(result: ReplayResult): string {
  const lines = [`Replay: ${result.replicas} replica(s) per service, seed ${result.seed}, ${(HEALTHY_MINUTES / 60).toFixed(1)} h healthy, ${result.samples.toLocaleString("en")} samples, ${result.seconds.toFixed(0)} s`];
  lines.push("| Fault | Service (vocabulary) | Alert | Minutes to detect |", "|---|---|---|---|");
  for (const d of result.detections) lines.push(`| ${d.fault.fault} | ${d.fault.job} (${d.fault.vocabulary}) | ${d.alert ?? "none"} | ${d.minutes ?? "not detected"} |`);
  lines.push("", `False alarms over the healthy hours: ${result.falseAlarms.length}`);
  for (const f of result.falseAlarms) {
    const { severity: _, ...labels } = f.labels;
    lines.push(`- ${f.alert} (${f.severity}) ${JSON.stringify(labels)}: ${f.spells.map(([a, b]) => `minute ${a}-${b}`).join(", ")}`);
  }
  lines.push("", `Info notices over the healthy hours (routed to nobody): ${result.notices.map((f) => `${f.alert} ${JSON.stringify(f.labels)}`).join(", ") || "none"}`);
  lines.push("", "Recorded totals over the healthy hours against the counters' own increase:");
  for (const t of result.totals) lines.push(`- ${t.job} ${t.what}: ${t.recorded.toFixed(2)} / ${t.truth.toFixed(2)} (${(((t.recorded - t.truth) / (t.truth || 1)) * 100).toFixed(2)}%)`);
  return lines.join("\n");
}
