import { createReadStream, createWriteStream, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { openMetricsLine, openMetricsType, type Family } from "./families.ts";

async function write(stream: WriteStream, text: string | Buffer): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

/**
 * Writes the workload's series from `start` to `end` (Unix seconds) every `step` seconds as OpenMetrics
 * with timestamps, for `promtool tsdb create-blocks-from openmetrics`. The workload started at `origin`,
 * so several files can continue one another. Families must not interleave, so each family goes to its
 * own part file first; the parts are then joined in order. Returns the number of samples written.
 */
export async function writeBackfill(
  path: string,
  render: (elapsedSeconds: number) => Family[],
  { start, end, step, origin = start }: { start: number; end: number; step: number; origin?: number },
): Promise<number> {
  const first = render(0);
  const parts = first.map((_, i) => `${path}.part${i}`);
  const streams = parts.map((part) => createWriteStream(part));
  let samples = 0;
  for (let t = start; t <= end; t += step) {
    const families = render(t - origin);
    for (let i = 0; i < families.length; i++) {
      const family = families[i]!;
      const lines = family.samples.map((sample) => openMetricsLine(family, sample, t));
      samples += lines.length;
      await write(streams[i]!, `${lines.join("\n")}\n`);
    }
  }
  await Promise.all(streams.map((stream) => new Promise((resolve) => stream.end(resolve))));
  const out = createWriteStream(path);
  for (let i = 0; i < parts.length; i++) {
    await write(out, `${openMetricsType(first[i]!)}\n`);
    // Streamed, so memory stays flat however large the backfill is.
    for await (const chunk of createReadStream(parts[i]!)) await write(out, chunk as Buffer);
    rmSync(parts[i]!);
  }
  await write(out, "# EOF\n");
  await new Promise((resolve) => out.end(resolve));
  return samples;
}
