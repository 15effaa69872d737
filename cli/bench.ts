/**
 * npm run bench -- [--hours 24] [--repeat 5] [--keep]
 *
 * Loads a synthetic fleet (21,300 active series in the usage vocabulary) into a real Prometheus for the
 * last `hours`, backfills the stack's recording rules over it, then times every query of the LLM Usage &
 * Cost dashboard over that range, side by side with the same 13 panels written on the raw series, and
 * prints the ratio. Aim: recorded / raw <= 0.25.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../config/parse.ts";
import { renderRuleFiles } from "../components/prometheus/renderedRuleFiles.ts";
import { renderDashboards } from "../dashboards/index.ts";
import { PreconditionError, runCli, UsageError } from "./commandLine/run.ts";
import { BENCH_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { rawUsagePanels, type BenchQuery } from "./bench/rawUsagePanels.ts";
import { median, timedQuery, type Timed } from "./bench/timing.ts";
import { fleetWorkload } from "../synthetic/workload.ts";
import { usageFamilies } from "../synthetic/vocabularies.ts";
import { writeBackfill } from "../synthetic/backfill.ts";
import { freePort } from "./local/processes.ts";
import { componentOf, type RunningPrometheus } from "./local/prometheus.ts";
import { startComponent } from "./local/startComponent.ts";
import { requireTool } from "./tools/installed.ts";
import { reportedVersion } from "./tools/version.ts";
import { describeStack } from "../components/stack.ts";
import { PROMETHEUS_PORT } from "../components/prometheus/description.ts";
import { interpolate, panelQueries, type DashboardJson } from "./local/grafanaQueries.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";

const STEP_SECONDS = 60;
/** Grafana's step for a range query over 24 h in a ~700 px wide panel. */
const RANGE_STEP_SECONDS = 120;

function tool(name: "prometheus" | "promtool"): string {
  try {
    return requireTool(name);
  } catch (error) {
    throw new PreconditionError((error as Error).message);
  }
}

function ms(seconds: number): string {
  return seconds >= 1 ? `${seconds.toFixed(2)} s` : `${(seconds * 1000).toFixed(1)} ms`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

runCli(usageLine(BENCH_COMMAND), async (argv) => {
  const { values: options } = parseCommandLine(BENCH_COMMAND, argv);
  const values = { keep: options["keep"] === true };
  const hours = Number(options["hours"]);
  const repeat = Number(options["repeat"]);
  if (!Number.isInteger(hours) || hours < 1 || hours > 72) throw new UsageError("--hours must be an integer from 1 to 72");
  if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError("--repeat must be a positive integer");
  const promtool = tool("promtool");
  const prometheusBinary = tool("prometheus");

  const work = mkdtempSync(join(tmpdir(), "llmobs-bench-"));
  const dataDir = join(work, "data");
  mkdirSync(dataDir);
  const config = parseStackConfig({ values: { prometheus: { scrapeInterval: "1m", evaluationInterval: "1m" } }, secrets: {} }, STACK_FACTS);
  const workload = fleetWorkload();
  const render = (elapsed: number) => usageFamilies(workload, elapsed);
  const series = render(0).reduce((sum, family) => sum + family.samples.length, 0);

  // 1. Raw data: `hours` of the fleet, every minute, backfilled 6 hours at a time.
  const end = Math.floor(Date.now() / 1000 / STEP_SECONDS) * STEP_SECONDS - 5 * 60;
  const origin = end - hours * 3600;
  console.log(`Backfilling ${hours} h of ${series.toLocaleString("en")} series (usage vocabulary, one sample a minute)...`);
  let samples = 0;
  for (let chunk = origin; chunk <= end; chunk += 6 * 3600) {
    const file = join(work, "chunk.om");
    samples += await writeBackfill(file, render, { start: chunk, end: Math.min(chunk + 6 * 3600 - STEP_SECONDS, end), step: STEP_SECONDS, origin });
    execFileSync(promtool, ["tsdb", "create-blocks-from", "openmetrics", "--quiet", file, dataDir], { stdio: "pipe" });
    rmSync(file);
  }
  console.log(`  ${samples.toLocaleString("en")} samples.`);

  const port = await freePort();
  const prometheusYml = join(work, "prometheus.yml");
  writeFileSync(prometheusYml, "global:\n  scrape_interval: 1m\n  evaluation_interval: 1m\n");
  // No rules and no scrapes: Prometheus only answers the queries being timed.
  const description = componentOf(describeStack(config), "prometheus");
  const args = [`--config.file=${prometheusYml}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`, "--storage.tsdb.retention.time=30d"];
  const start = async () => {
    const running = await startComponent("prometheus", description, { renderDir: work, dataDir, ports: { [PROMETHEUS_PORT]: port } }, args);
    return { ...running, url: running.urlOf(PROMETHEUS_PORT) };
  };

  // 2. The stack's recording rules, backfilled over the same range from the raw data.
  let prometheus: RunningPrometheus = await start();
  try {
    const rules = renderRuleFiles(config).find((file) => file.name === "llm-recording.yml")!;
    const rulesFile = join(work, rules.name);
    writeFileSync(rulesFile, rules.content);
    const ruleBlocks = join(work, "rule-blocks");
    console.log("Backfilling the recording rules (promtool tsdb create-blocks-from rules)...");
    execFileSync(
      promtool,
      ["tsdb", "create-blocks-from", "rules", "--quiet", `--url=${prometheus.url}`, `--start=${origin}`, `--end=${end}`, `--eval-interval=${STEP_SECONDS}s`, `--output-dir=${ruleBlocks}`, rulesFile],
      { stdio: "pipe" },
    );
    await prometheus.stop();
    for (const block of readdirSync(ruleBlocks)) renameSync(join(ruleBlocks, block), join(dataDir, block));
    prometheus = await start();

    // 3. The two dashboards' queries over the whole range, alternating, `repeat` times.
    const usage = JSON.parse(renderDashboards(config).find((file) => file.name === "llm-usage.json")!.content) as DashboardJson;
    const how = { range: `${hours}h`, rangeSeconds: hours * 3600, rateInterval: "4m" };
    const recorded: BenchQuery[] = panelQueries(usage).map((q) => ({ ...q, expr: interpolate(q.expr, how) }));
    const raw: BenchQuery[] = rawUsagePanels(config).map((q) => ({ ...q, expr: interpolate(q.expr, how) }));
    const window = { start: end - hours * 3600, end, step: RANGE_STEP_SECONDS };
    const run = async (queries: BenchQuery[]) => {
      const results: Timed[] = [];
      for (const query of queries) results.push(await timedQuery(prometheus.url, query.expr, { instant: query.instant, ...window }));
      return results;
    };
    await run(recorded);
    await run(raw);
    const rounds: { recorded: Timed[]; raw: Timed[] }[] = [];
    for (let round = 0; round < repeat; round++) {
      // Alternate which variant goes first, so neither always runs on a warmer cache.
      if (round % 2 === 0) {
        const recordedRun = await run(recorded);
        rounds.push({ recorded: recordedRun, raw: await run(raw) });
      } else {
        const rawRun = await run(raw);
        rounds.push({ recorded: await run(recorded), raw: rawRun });
      }
    }

    // 4. Report.
    const perQuery = (variant: "recorded" | "raw", i: number) => median(rounds.map((r) => r[variant][i]!.seconds));
    const totals = (variant: "recorded" | "raw") => rounds.map((r) => r[variant].reduce((sum, t) => sum + t.seconds, 0));
    console.log(
      `\nLLM Usage & Cost, ${usage.panels.length} panels (${recorded.length} queries), over ${hours} h of ${series.toLocaleString("en")} active series.` +
        `\nPrometheus ${reportedVersion(prometheusBinary) ?? "(version unknown)"}; time = Prometheus' own execution time (stats execTotalTime), median of ${repeat} alternating runs.\n`,
    );
    console.log(`${pad("panel / query", 38)}${pad("recorded", 12)}${pad("raw", 12)}${pad("samples read (recorded / raw)", 32)}answer (recorded / raw)`);
    recorded.forEach((query, i) => {
      const r = rounds[0]!.recorded[i]!;
      const w = rounds[0]!.raw[i]!;
      const answer = (t: Timed) => (t.firstValue === undefined ? "-" : t.firstValue.toPrecision(4));
      console.log(
        `${pad(`${query.panel} ${query.refId}`, 38)}${pad(ms(perQuery("recorded", i)), 12)}${pad(ms(perQuery("raw", i)), 12)}` +
          `${pad(`${r.samples.toLocaleString("en")} / ${w.samples.toLocaleString("en")}`, 32)}${answer(r)} / ${answer(w)}`,
      );
    });
    const recordedTotal = median(totals("recorded"));
    const rawTotal = median(totals("raw"));
    const ratio = recordedTotal / rawTotal;
    console.log(`${pad("all queries", 38)}${pad(ms(recordedTotal), 12)}${pad(ms(rawTotal), 12)}`);
    console.log(`\nratio recorded / raw = ${ratio.toFixed(3)} (aim: 0.25 or less) -> ${ratio <= 0.25 ? "met" : "NOT met"}`);
    if (ratio > 0.25) process.exitCode = 1;
  } finally {
    await prometheus.stop();
    if (values.keep) console.log(`Kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
});
