import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackConfig } from "../../config/schema.ts";
import { renderDashboards } from "../../dashboards/index.ts";
import { fleetWorkload } from "../../synthetic/workload.ts";
import { usageFamilies } from "../../synthetic/vocabularies.ts";
import { writeBackfill } from "../../synthetic/backfill.ts";
import { backfilledPrometheus } from "../local/backfilledPrometheus.ts";
import { interpolate, panelQueries, type DashboardJson } from "../local/grafanaQueries.ts";
import { rawUsagePanels, type BenchQuery } from "./rawUsagePanels.ts";
import { median, timedQuery, type Timed } from "./timing.ts";

/** One sample a minute: the scrape and evaluation interval of the loaded data. */
export const STEP_SECONDS = 60;
/** Grafana's step for a range query over 24 h in a ~700 px wide panel. */
const RANGE_STEP_SECONDS = 120;
/** Series that had a sample in this long are active (about what Prometheus' head block holds). */
const ACTIVE_WINDOW = "2h";

export interface BenchSetup {
  config: StackConfig;
  hours: number;
  repeat: number;
  keep: boolean;
  promtool: string;
  prometheus: string;
}

export interface PanelTiming {
  query: BenchQuery;
  recordedSeconds: number;
  rawSeconds: number;
  recorded: Timed;
  raw: Timed;
}

export interface FleetResult {
  instancesPerJob: number;
  panels: number;
  rawSeries: number;
  recordedSeries: number;
  samples: number;
  timings: PanelTiming[];
  /** Dashboard queries with no counterpart on seed 004's raw metrics (not timed). */
  untimed: string[];
  recordedTotal: number;
  rawTotal: number;
}

async function count(url: string, selector: string, time: number): Promise<number> {
  const result = await timedQuery(url, `count(last_over_time(${selector}[${ACTIVE_WINDOW}]))`, { instant: true, start: time, end: time, step: 1 });
  return result.firstValue ?? 0;
}

/**
 * Loads `hours` of the fleet with `instancesPerJob` replicas per service into a real Prometheus, backfills
 * every recording rule of the stack over it (layer by layer, see recordingLayers), counts the active raw and
 * recorded series, and times the usage dashboard's queries against the same panels on the raw series.
 */
export async function benchFleet(setup: BenchSetup, instancesPerJob: number, log: (line: string) => void): Promise<FleetResult> {
  const { config, hours, repeat, promtool } = setup;
  const work = mkdtempSync(join(tmpdir(), "llmobs-bench-"));
  const dataDir = join(work, "data");
  mkdirSync(dataDir);
  const workload = fleetWorkload(instancesPerJob);
  const end = Math.floor(Date.now() / 1000 / STEP_SECONDS) * STEP_SECONDS - 5 * 60;
  const origin = end - hours * 3600;
  const render = (elapsed: number) => usageFamilies(workload, elapsed, origin);
  const series = render(0).reduce((sum, family) => sum + family.samples.length, 0);

  log(`Backfilling ${hours} h of ${series.toLocaleString("en")} series (${instancesPerJob} instance(s) per job, one sample a minute)...`);
  let samples = 0;
  for (let chunk = origin; chunk <= end; chunk += 6 * 3600) {
    const file = join(work, "chunk.om");
    samples += await writeBackfill(file, render, { start: chunk, end: Math.min(chunk + 6 * 3600 - STEP_SECONDS, end), step: STEP_SECONDS, origin });
    execFileSync(promtool, ["tsdb", "create-blocks-from", "openmetrics", "--quiet", file, dataDir], { stdio: "pipe" });
    rmSync(file);
  }

  // No rules and no scrapes: Prometheus only answers the backfill's and the timed queries.
  const prometheus = await backfilledPrometheus({ config, promtool, work, dataDir, start: origin, end, stepSeconds: STEP_SECONDS, log });
  try {
    const rawSeries = await count(prometheus.url, '{__name__=~"llm_.+"}', end);
    const recordedSeries = await count(prometheus.url, '{__name__=~".+:.+"}', end);

    const usage = JSON.parse(renderDashboards(config).find((file) => file.name === "llm-usage.json")!.content) as DashboardJson;
    const how = { range: `${hours}h`, rangeSeconds: hours * 3600, rateInterval: "4m" };
    const rawQueries = rawUsagePanels(config).map((q) => ({ ...q, expr: interpolate(q.expr, how) }));
    const key = (q: BenchQuery) => `${q.panel} ${q.refId}`;
    const rawByKey = new Map(rawQueries.map((q) => [key(q), q]));
    const dashboardQueries = panelQueries(usage).map((q) => ({ ...q, expr: interpolate(q.expr, how) }));
    const pairs = dashboardQueries.filter((q) => rawByKey.has(key(q))).map((q) => ({ recorded: q, raw: rawByKey.get(key(q))! }));
    const untimed = dashboardQueries.filter((q) => !rawByKey.has(key(q))).map(key);
    const window = { start: end - hours * 3600, end, step: RANGE_STEP_SECONDS };
    const run = async (variant: "recorded" | "raw") => {
      const results: Timed[] = [];
      for (const pair of pairs) results.push(await timedQuery(prometheus.url, pair[variant].expr, { instant: pair[variant].instant, ...window }));
      return results;
    };
    await run("recorded");
    await run("raw");
    const rounds: { recorded: Timed[]; raw: Timed[] }[] = [];
    for (let round = 0; round < repeat; round++) {
      // Alternate which variant goes first, so neither always runs on a warmer cache.
      if (round % 2 === 0) {
        const recordedRun = await run("recorded");
        rounds.push({ recorded: recordedRun, raw: await run("raw") });
      } else {
        const rawRun = await run("raw");
        rounds.push({ recorded: await run("recorded"), raw: rawRun });
      }
    }
    const perQuery = (variant: "recorded" | "raw", i: number) => median(rounds.map((r) => r[variant][i]!.seconds));
    const total = (variant: "recorded" | "raw") => median(rounds.map((r) => r[variant].reduce((sum, t) => sum + t.seconds, 0)));
    return {
      instancesPerJob,
      panels: usage.panels.length,
      rawSeries,
      recordedSeries,
      samples,
      timings: pairs.map((pair, i) => ({
        query: pair.recorded,
        recordedSeconds: perQuery("recorded", i),
        rawSeconds: perQuery("raw", i),
        recorded: rounds[0]!.recorded[i]!,
        raw: rounds[0]!.raw[i]!,
      })),
      untimed,
      recordedTotal: total("recorded"),
      rawTotal: total("raw"),
    };
  } finally {
    await prometheus.stop();
    if (setup.keep) log(`Kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}
