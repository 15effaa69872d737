import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { availableParallelism } from "node:os";
import { readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StackConfig } from "../../config/schema.ts";
import { ruleFileGroups } from "../../rules/ruleFiles.ts";
import { generatedYaml } from "../../components/generatedYaml.ts";
import { describeStack } from "../../components/stack.ts";
import { PROMETHEUS_PORT } from "../../components/prometheus/description.ts";
import { recordingLayers } from "../bench/ruleLayers.ts";
import { freePort } from "./processes.ts";
import { componentOf, type RunningPrometheus } from "./prometheus.ts";
import { startComponent } from "./startComponent.ts";

const run = promisify(execFile);
/** promtool writes rule blocks of two hours: parts split there never overlap. */
const BLOCK_SECONDS = 2 * 3600;

export interface Backfill {
  config: StackConfig;
  promtool: string;
  /** A scratch directory for Prometheus's config, the rule files and the rule blocks. */
  work: string;
  /** The TSDB the raw samples were backfilled into. */
  dataDir: string;
  /** One sample every `stepSeconds`, from `start` to `end` (Unix seconds). */
  start: number;
  end: number;
  stepSeconds: number;
  /** Prometheus flags beyond config, data, address and retention (a shorter lookback, say). */
  extraArgs?: readonly string[];
  log?: (line: string) => void;
}

/**
 * The pinned Prometheus over backfilled raw samples, with every recording rule of the stack backfilled
 * too, layer by layer (recordingLayers: a rule reads only layers before its own): promtool evaluates a
 * layer against the running Prometheus, which then restarts to read the new blocks. Each layer's range is
 * split in parts, one promtool per core. No scrapes and no rules run: Prometheus answers queries only.
 * The caller stops the Prometheus it returns.
 */
export async function backfilledPrometheus(backfill: Backfill): Promise<RunningPrometheus> {
  const { config, promtool, work, dataDir, start: from, end, stepSeconds, extraArgs = [], log = () => {} } = backfill;
  const port = await freePort();
  const prometheusYml = join(work, "prometheus.yml");
  writeFileSync(prometheusYml, `global:\n  scrape_interval: ${stepSeconds}s\n  evaluation_interval: ${stepSeconds}s\n`);
  const description = componentOf(describeStack(config), "prometheus");
  const args = [`--config.file=${prometheusYml}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`, "--storage.tsdb.retention.time=30d", ...extraArgs];
  const start = async (): Promise<RunningPrometheus> => {
    const running = await startComponent("prometheus", description, { renderDir: work, dataDir, ports: { [PROMETHEUS_PORT]: port } }, args);
    return { ...running, url: running.urlOf(PROMETHEUS_PORT) };
  };
  let prometheus = await start();
  try {
    const layers = recordingLayers(ruleFileGroups(config).flatMap((file) => file.groups));
    for (const [i, layer] of layers.entries()) {
      log(`Backfilling the recording rules, layer ${i + 1} of ${layers.length} (promtool tsdb create-blocks-from rules)...`);
      // Relative to `work`: promtool offsets each group's evaluations within the step by a hash of the group's
      // name and file path, and a fixed path keeps that offset, and so every result, the same run after run.
      const rulesFile = `layer${i}.yml`;
      writeFileSync(join(work, rulesFile), generatedYaml("alerts/", { groups: layer }));
      const parts = rangeParts(from, end, availableParallelism());
      await Promise.all(
        parts.map(([partStart, partEnd], p) =>
          run(
            promtool,
            ["tsdb", "create-blocks-from", "rules", "--quiet", `--url=${prometheus.url}`, `--start=${partStart}`, `--end=${partEnd}`, `--eval-interval=${stepSeconds}s`, `--output-dir=${join(work, `rule-blocks-${i}-${p}`)}`, rulesFile],
            { cwd: work, maxBuffer: 64 * 2 ** 20 },
          ),
        ),
      );
      await prometheus.stop();
      for (const p of parts.keys()) {
        const blocks = join(work, `rule-blocks-${i}-${p}`);
        for (const block of readdirSync(blocks)) renameSync(join(blocks, block), join(dataDir, block));
      }
      prometheus = await start();
    }
    return prometheus;
  } catch (error) {
    await prometheus.stop();
    throw error;
  }
}

/**
 * [start, end] split into up to `count` parts at two-hour block bounds. A part ends where the next begins:
 * the one evaluation both may write is the same sample, which Prometheus merges.
 */
function rangeParts(start: number, end: number, count: number): [number, number][] {
  const blocks = Math.max(1, Math.ceil((end - start) / BLOCK_SECONDS));
  const per = Math.ceil(blocks / Math.min(count, blocks));
  const first = Math.floor(start / BLOCK_SECONDS) * BLOCK_SECONDS;
  const parts: [number, number][] = [];
  for (let at = start; at < end; ) {
    const next = first + Math.floor((at - first) / BLOCK_SECONDS + per) * BLOCK_SECONDS;
    parts.push([at, Math.min(next, end)]);
    at = next;
  }
  return parts;
}
