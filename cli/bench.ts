/**
 * npm run bench -- [--hours 24] [--repeat 5] [--instances 6,1] [--keep]
 *
 * For each fan-out (replicas per service): loads a synthetic fleet in seed 004's usage vocabulary, every
 * series its prometheus_client emitter makes Prometheus store, into a real Prometheus for the last
 * `hours`, backfills the stack's recording rules over it, then times every query of the LLM Usage & Cost
 * dashboard over that range side by side with the same panels written on the raw series, and counts the
 * active series the recordings add. Aims: queries recorded / raw <= 0.25, recorded / raw series <= 0.2.
 */
import { parseStackConfig } from "../config/parse.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";
import { PreconditionError, runCli, UsageError } from "./commandLine/run.ts";
import { BENCH_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { requireTool } from "./tools/installed.ts";
import { reportedVersion } from "./tools/version.ts";
import { benchFleet, STEP_SECONDS, type FleetResult } from "./bench/fleetBench.ts";
import { BENCH_AIMS } from "./bench/aims.ts";
import type { Timed } from "./bench/timing.ts";

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

function report(result: FleetResult, hours: number, repeat: number): { queries: number; series: number } {
  const n = (value: number) => value.toLocaleString("en");
  console.log(
    `\n== ${result.instancesPerJob} instance(s) per job: LLM Usage & Cost, ${result.panels} panels (${result.timings.length} queries timed), ` +
      `over ${hours} h of ${n(result.rawSeries)} raw active series (${n(result.samples)} samples); median of ${repeat} alternating runs ==`,
  );
  console.log(`${pad("panel / query", 38)}${pad("recorded", 12)}${pad("raw", 12)}${pad("samples read (recorded / raw)", 32)}answer (recorded / raw)`);
  const answer = (t: Timed) => (t.firstValue === undefined ? "-" : t.firstValue.toPrecision(4));
  for (const timing of result.timings) {
    console.log(
      `${pad(`${timing.query.panel} ${timing.query.refId}`, 38)}${pad(ms(timing.recordedSeconds), 12)}${pad(ms(timing.rawSeconds), 12)}` +
        `${pad(`${n(timing.recorded.samples)} / ${n(timing.raw.samples)}`, 32)}${answer(timing.recorded)} / ${answer(timing.raw)}`,
    );
  }
  console.log(`${pad("all queries", 38)}${pad(ms(result.recordedTotal), 12)}${pad(ms(result.rawTotal), 12)}`);
  if (result.untimed.length) console.log(`not timed (nothing like it on seed 004's raw metrics): ${result.untimed.join(", ")}`);
  const queries = result.recordedTotal / result.rawTotal;
  const series = result.recordedSeries / result.rawSeries;
  const verdict = (ratio: number, aim: number) => `(aim: ${aim} or less) -> ${ratio <= aim ? "met" : "NOT met"}`;
  console.log(`queries recorded / raw = ${queries.toFixed(3)} ${verdict(queries, BENCH_AIMS.queryRatio)}`);
  console.log(`series  recorded / raw = ${n(result.recordedSeries)} / ${n(result.rawSeries)} = ${series.toFixed(3)} ${verdict(series, BENCH_AIMS.seriesRatio)}`);
  return { queries, series };
}

runCli(usageLine(BENCH_COMMAND), async (argv) => {
  const { values: options } = parseCommandLine(BENCH_COMMAND, argv);
  const hours = Number(options["hours"]);
  const repeat = Number(options["repeat"]);
  const fanOuts = String(options["instances"]).split(",").map(Number);
  if (!Number.isInteger(hours) || hours < 1 || hours > 72) throw new UsageError("--hours must be an integer from 1 to 72");
  if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError("--repeat must be a positive integer");
  if (fanOuts.some((value) => !Number.isInteger(value) || value < 1 || value > 20)) throw new UsageError("--instances must list integers from 1 to 20, e.g. 6,1");
  const prometheus = tool("prometheus");
  const setup = {
    config: parseStackConfig({ values: { prometheus: { scrapeInterval: `${STEP_SECONDS}s`, evaluationInterval: `${STEP_SECONDS}s` } }, secrets: {} }, STACK_FACTS),
    hours,
    repeat,
    keep: options["keep"] === true,
    promtool: tool("promtool"),
    prometheus,
  };
  console.log(`Prometheus ${reportedVersion(prometheus) ?? "(version unknown)"}; time = Prometheus' own execution time (stats execTotalTime).`);
  const ratios: { instances: number; queries: number; series: number }[] = [];
  for (const instances of fanOuts) {
    const result = await benchFleet(setup, instances, (line) => console.log(line));
    ratios.push({ instances, ...report(result, hours, repeat) });
  }
  console.log("\nSummary");
  for (const r of ratios) console.log(`  ${r.instances} instance(s) per job: queries ${r.queries.toFixed(3)}, series ${r.series.toFixed(3)}`);
  if (ratios.some((r) => r.queries > BENCH_AIMS.queryRatio || r.series > BENCH_AIMS.seriesRatio)) process.exitCode = 1;
});
