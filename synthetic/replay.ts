import { createReadStream, createWriteStream, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { Labels } from "./families.ts";
import { genaiSpans, liteLlmBudgets, REPLAY_EMITTERS, type ReplayVocabulary, type SeriesSink } from "./replayEmitters.ts";
import { podsAt, type FaultEffect, type Traffic } from "./traffic.ts";

/** A service of the replay: one vocabulary's emitter, scraped as `job` (one target per replica). */
export interface ReplayService {
  job: string;
  vocabulary: ReplayVocabulary;
}

/** Jaeger's span-metrics target, which the GenAI services' failed calls are counted from. */
export const SPANS_TARGET = { job: "jaeger-spanmetrics", instance: "jaeger:8889" };

type Kind = "counter" | "gauge" | "histogram";

interface Stored {
  family: string;
  /** The sample's name: family plus _total, _bucket, _sum, _count or nothing. */
  name: string;
  labels: string;
  value: number;
}

/** What the counters really added, per job and minute: what the recorded totals must come to. */
export interface GroundTruth {
  calls: Map<string, number[]>;
  failures: Map<string, number[]>;
  costUsd: Map<string, number[]>;
}

function labelText(labels: Labels): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(",")}}`;
}

/** Cumulative series of one scrape target (a replica, or Jaeger), created on first touch. */
class TargetSeries implements SeriesSink {
  readonly series = new Map<string, Stored>();
  constructor(
    private readonly target: Labels,
    private readonly kinds: Map<string, Kind>,
  ) {}

  private add(family: string, kind: Kind, suffix: string, labels: Labels, amount: number, set = false): void {
    this.kinds.set(family, kind);
    const text = labelText({ ...this.target, ...labels });
    const key = `${family}${suffix}${text}`;
    let stored = this.series.get(key);
    if (!stored) this.series.set(key, (stored = { family, name: `${family}${suffix}`, labels: text, value: 0 }));
    stored.value = set ? amount : stored.value + amount;
  }

  counter(family: string, labels: Labels, amount: number): void {
    this.add(family, "counter", "_total", labels, amount);
  }

  histogram(family: string, labels: Labels, buckets: readonly number[] | undefined, values: readonly number[]): void {
    for (const le of buckets ?? []) this.add(family, "histogram", "_bucket", { ...labels, le: String(le) }, values.filter((v) => v <= le).length);
    if (buckets) this.add(family, "histogram", "_bucket", { ...labels, le: "+Inf" }, values.length);
    this.histogramTotals(family, labels, values.reduce((a, b) => a + b, 0), values.length);
  }

  histogramTotals(family: string, labels: Labels, sum: number, count: number): void {
    this.add(family, "histogram", "_sum", labels, sum);
    this.add(family, "histogram", "_count", labels, count);
  }

  gauge(family: string, labels: Labels, value: number): void {
    this.add(family, "gauge", "", labels, value, true);
  }
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

/**
 * Replays `traffic` through each service's emitter and writes what Prometheus would have scraped, one
 * sample a minute, as OpenMetrics files with timestamps for `promtool tsdb create-blocks-from openmetrics`:
 * every replica's series while its target is up, `up` for every target (0 while a service is down), and
 * Jaeger's span metrics. `chunk` is called with each file (of `chunkMinutes`) once written, and runs while
 * the next file is written (an import on one core, the traffic on another); the file is removed after.
 */
export async function writeReplay(
  traffic: Traffic,
  services: readonly ReplayService[],
  { origin, path, chunkMinutes, chunk, liteLlmBudgetUsd = 1000 }: { origin: number; path: string; chunkMinutes: number; chunk: (file: string) => Promise<void>; liteLlmBudgetUsd?: number },
): Promise<GroundTruth> {
  const kinds = new Map<string, Kind>([["up", "gauge"]]);
  const targets = new Map<string, TargetSeries>();
  const spans = new TargetSeries(SPANS_TARGET, kinds);
  const truth: GroundTruth = { calls: new Map(), failures: new Map(), costUsd: new Map() };
  const spent = new Map<string, number>();
  const byJob = new Map(services.map((s) => [s.job, s]));
  const streams = traffic.streams.filter((s) => byJob.has(s.job));
  const jobEffect = (job: string, minute: number): FaultEffect => {
    const effect: FaultEffect = {};
    for (const f of traffic.faults) if (f.job === job && minute >= f.startMinute && minute < f.startMinute + f.minutes) Object.assign(effect, f.effect);
    return effect;
  };
  const tally = (map: Map<string, number[]>, job: string, minute: number, amount: number) => {
    const list = map.get(job) ?? (map.set(job, new Array<number>(traffic.totalMinutes).fill(0)), map.get(job)!);
    list[minute]! += amount;
  };

  let importing: Promise<void> = Promise.resolve();
  for (let from = 0; from < traffic.totalMinutes; from += chunkMinutes) {
    const file = `${path}.${from}`;
    const parts = new Map<string, { file: string; stream: WriteStream }>();
    const part = (family: string) => {
      let p = parts.get(family);
      if (!p) {
        const partFile = `${file}.${parts.size}.part`;
        parts.set(family, (p = { file: partFile, stream: createWriteStream(partFile) }));
      }
      return p.stream;
    };
    for (let minute = from; minute < Math.min(from + chunkMinutes, traffic.totalMinutes); minute++) {
      const ts = origin + minute * 60;
      const lines = new Map<string, string[]>();
      const emit = (family: string, line: string) => (lines.get(family) ?? (lines.set(family, []), lines.get(family)!)).push(line);
      for (const service of services) {
        const effect = jobEffect(service.job, minute);
        const pods = podsAt(traffic.shape, minute);
        for (const pod of pods) {
          const key = `${service.job}/${pod}`;
          if (traffic.restartedAt(service.job, pod, minute)) targets.delete(key);
          emit("up", `up${labelText({ job: service.job, instance: pod })} ${effect.targetDown ? 0 : 1} ${ts}`);
        }
        if (effect.targetDown) continue;
        for (const stream of streams.filter((s) => s.job === service.job)) {
          const replicas = traffic.events(stream, minute);
          if (!replicas) continue;
          replicas.forEach((events, i) => {
            const key = `${service.job}/${pods[i]}`;
            let target = targets.get(key);
            if (!target) targets.set(key, (target = new TargetSeries({ job: service.job, instance: pods[i]! }, kinds)));
            REPLAY_EMITTERS[service.vocabulary](target, stream, events);
            if (service.vocabulary === "genai") genaiSpans(spans, stream, events);
            if (effect.telemetryGone) return;
            tally(truth.calls, service.job, minute, events.calls);
            tally(truth.failures, service.job, minute, events.failures);
            tally(truth.costUsd, service.job, minute, service.vocabulary === "usage" || service.vocabulary === "genai" || service.vocabulary === "litellm" ? events.costUsd : 0);
            if (service.vocabulary === "litellm") spent.set(stream.agent, (spent.get(stream.agent) ?? 0) + events.costUsd);
          });
        }
        if (effect.telemetryGone) continue;
        for (const pod of pods) {
          const target = targets.get(`${service.job}/${pod}`);
          if (!target) continue;
          if (service.vocabulary === "litellm") {
            for (const agent of new Set(streams.filter((s) => s.job === service.job).map((s) => s.agent))) liteLlmBudgets(target, agent, liteLlmBudgetUsd, spent.get(agent) ?? 0);
          }
          for (const s of target.series.values()) emit(s.family, `${s.name}${s.labels} ${s.value} ${ts}`);
        }
      }
      emit("up", `up${labelText(SPANS_TARGET)} 1 ${ts}`);
      for (const s of spans.series.values()) emit(s.family, `${s.name}${s.labels} ${s.value} ${ts}`);
      for (const [family, familyLines] of lines) await write(part(family), `${familyLines.join("\n")}\n`);
    }
    await Promise.all([...parts.values()].map(({ stream }) => new Promise((resolve) => stream.end(resolve))));
    const out = createWriteStream(file);
    for (const [family, { file: partFile }] of parts) {
      await write(out, `# TYPE ${family} ${kinds.get(family)}\n`);
      for await (const data of createReadStream(partFile, { encoding: "utf8" })) await write(out, data as string);
      rmSync(partFile);
    }
    await write(out, "# EOF\n");
    await new Promise((resolve) => out.end(resolve));
    // One import at a time, the next chunk written meanwhile.
    await importing;
    importing = chunk(file).finally(() => rmSync(file));
  }
  await importing;
  return truth;
}
