/**
 * Realistic LLM traffic, minute by minute, from a seed: what each replica of each service saw happen in a
 * minute (calls, failures, latencies, tokens, spend, cache lookups). Unlike workload.ts, whose rates are
 * constant, it has what real traffic has and rules trip over: diurnal load, bursts, sparse models next to
 * busy ones, retries, errors that cluster, series that appear part-way (a model rolled out, pods replaced
 * by a deployment) and restarts that reset the counters. Faults are windows in which one stream misbehaves.
 */

/** A deterministic random source (mulberry32). */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

export function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A log-normal value with the given median; `sigma` 0.35 puts p95 at 1.8 and p99 at 2.3 times the median. */
export function logNormal(random: Random, median: number, sigma = 0.35): number {
  return median * Math.exp(sigma * normal(random));
}

/** One (service, agent, model) stream of calls, healthy. */
export interface StreamSpec {
  job: string;
  agent: string;
  model: string;
  provider: string;
  /** Calls per second at the daily peak. */
  peakPerSecond: number;
  errorRatio: number;
  errorTypes: readonly string[];
  ttftSeconds: number;
  tokensPerSecond: number;
  promptTokens: number;
  completionTokens: number;
  costPerCallUsd: number;
  cacheHitRatio: number;
  /** Minute the stream starts (a model rolled out part-way). */
  startMinute?: number;
}

/** What a fault does to a stream while it lasts. */
export interface FaultEffect {
  errorRatio?: number;
  /** Seconds every call waits in a queue before its first token (an overloaded provider). */
  queueSeconds?: number;
  /** Output tokens per second while it lasts (a model server decoding slowly). */
  tokensPerSecond?: number;
  cacheHitRatio?: number;
  costFactor?: number;
  /** The service's target cannot be scraped (up 0, no series). */
  targetDown?: boolean;
  /** The target answers, but without its LLM series (instrumentation lost, or a push that stopped). */
  telemetryGone?: boolean;
}

export interface FaultWindow {
  /** A name for the table. */
  fault: string;
  job: string;
  /** The stream's model; undefined: every stream of the job. */
  model?: string;
  startMinute: number;
  minutes: number;
  effect: FaultEffect;
}

/** What one replica of one stream did in one minute. */
export interface MinuteEvents {
  calls: number;
  failures: number;
  /** Failures by error type. */
  failuresByType: Map<string, number>;
  /** Latencies of the successful calls, and of the failed ones (failures return fast). */
  latencies: number[];
  failedLatencies: number[];
  ttfts: number[];
  /** Output tokens per second of each successful call. */
  speeds: number[];
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  cacheHits: number;
  cacheMisses: number;
}

export interface TrafficShape {
  seed: number;
  replicas: number;
  /** Bursts per stream per hour, their multiplier range and length in minutes. */
  burstsPerHour: number;
  /** Error clusters per stream per hour: a few minutes at a few percent. */
  errorClustersPerHour: number;
  /** Restarts (counters reset) per replica per hour. */
  restartsPerHour: number;
  /** Minutes at which every replica of every service is replaced by a new pod (a rolling deployment). */
  deployments: readonly number[];
}

/** The load at minute `m` of the day, as a share of the peak: lowest at 04:00, highest at 16:00. */
export function diurnal(minute: number): number {
  const hour = (minute / 60) % 24;
  return 0.3 + 0.7 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24));
}

interface Episode {
  start: number;
  end: number;
  level: number;
}

function episodes(random: Random, perHour: number, totalMinutes: number, minutes: [number, number], level: [number, number]): Episode[] {
  const list: Episode[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(1 - random()) * (60 / perHour);
    if (t >= totalMinutes) return list;
    const length = minutes[0] + Math.floor(random() * (minutes[1] - minutes[0] + 1));
    list.push({ start: Math.floor(t), end: Math.floor(t) + length, level: level[0] + random() * (level[1] - level[0]) });
  }
}

const during = (list: Episode[], minute: number) => list.find((e) => minute >= e.start && minute < e.end);

/** The replica (pod) names of a service at a minute: deployments replace every pod with a new one. */
export function podsAt(shape: TrafficShape, minute: number): string[] {
  const generation = shape.deployments.filter((d) => d <= minute).length;
  return Array.from({ length: shape.replicas }, (_, i) => `pod-${generation}-${i}`);
}

/**
 * Per stream: its bursts and error clusters, drawn once from the seed. `events` then gives what each
 * replica saw in a minute; the same seed gives the same traffic.
 */
export class Traffic {
  private readonly random: Random;
  private readonly bursts = new Map<StreamSpec, Episode[]>();
  private readonly clusters = new Map<StreamSpec, Episode[]>();
  private readonly restarts = new Map<string, Set<number>>();

  constructor(
    readonly shape: TrafficShape,
    readonly streams: readonly StreamSpec[],
    readonly faults: readonly FaultWindow[],
    readonly totalMinutes: number,
  ) {
    this.random = randomSource(shape.seed);
    for (const stream of streams) {
      this.bursts.set(stream, episodes(this.random, shape.burstsPerHour, totalMinutes, [3, 12], [1.5, 3]));
      this.clusters.set(stream, episodes(this.random, shape.errorClustersPerHour, totalMinutes, [1, 3], [0.03, 0.06]));
    }
  }

  /** Whether a replica's process restarted at the start of this minute (its counters start again from 0). */
  restartedAt(job: string, pod: string, minute: number): boolean {
    const key = `${job}/${pod}`;
    let set = this.restarts.get(key);
    if (!set) {
      const random = randomSource(hash(`${this.shape.seed}/${key}`));
      set = new Set(episodes(random, this.shape.restartsPerHour, this.totalMinutes, [1, 1], [0, 0]).map((e) => e.start));
      this.restarts.set(key, set);
    }
    return set.has(minute);
  }

  faultsAt(job: string, model: string, minute: number): FaultEffect {
    const effect: FaultEffect = {};
    for (const f of this.faults) {
      if (f.job === job && (f.model === undefined || f.model === model) && minute >= f.startMinute && minute < f.startMinute + f.minutes) Object.assign(effect, f.effect);
    }
    return effect;
  }

  /** What one replica of `stream` did in `minute` (undefined before the stream starts). */
  events(stream: StreamSpec, minute: number): MinuteEvents[] | undefined {
    if (minute < (stream.startMinute ?? 0)) return undefined;
    const random = this.random;
    const fault = this.faultsAt(stream.job, stream.model, minute);
    const burst = during(this.bursts.get(stream)!, minute)?.level ?? 1;
    const cluster = during(this.clusters.get(stream)!, minute)?.level ?? 0;
    const errorRatio = fault.errorRatio ?? Math.max(stream.errorRatio, cluster);
    // Bursts queue a little; an overloaded provider queues every call before its first token.
    const ttft = stream.ttftSeconds * (burst > 1 ? 1.2 : 1);
    const queue = fault.queueSeconds ?? 0;
    const speed = fault.tokensPerSecond ?? stream.tokensPerSecond;
    const hitRatio = fault.cacheHitRatio ?? stream.cacheHitRatio;
    const cost = stream.costPerCallUsd * (fault.costFactor ?? 1);
    const tokenFactor = fault.costFactor ?? 1;
    const perReplica = (stream.peakPerSecond * 60 * diurnal(minute) * burst) / this.shape.replicas;
    const all: MinuteEvents[] = [];
    for (let r = 0; r < this.shape.replicas; r++) {
      const e: MinuteEvents = {
        calls: 0,
        failures: 0,
        failuresByType: new Map(),
        latencies: [],
        failedLatencies: [],
        ttfts: [],
        speeds: [],
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        cacheHits: 0,
        cacheMisses: 0,
      };
      let pending = poisson(random, perReplica);
      while (pending > 0) {
        pending--;
        // A cache hit answers without calling the model.
        if (random() < hitRatio) {
          e.cacheHits++;
          continue;
        }
        e.cacheMisses++;
        e.calls++;
        if (random() < errorRatio) {
          e.failures++;
          const type = stream.errorTypes[Math.floor(random() * stream.errorTypes.length)]!;
          e.failuresByType.set(type, (e.failuresByType.get(type) ?? 0) + 1);
          e.failedLatencies.push(queue + logNormal(random, 0.5, 0.8));
          // Most clients retry a failed call once; the retry is a call of its own.
          if (random() < 0.6) {
            e.calls++;
            e.cacheMisses++;
            if (random() < errorRatio) {
              e.failures++;
              e.failuresByType.set(type, (e.failuresByType.get(type) ?? 0) + 1);
              e.failedLatencies.push(queue + logNormal(random, 0.5, 0.8));
              continue;
            }
          } else continue;
        }
        const out = Math.max(1, Math.round(logNormal(random, stream.completionTokens * tokenFactor, 0.5)));
        e.promptTokens += Math.max(1, Math.round(logNormal(random, stream.promptTokens * tokenFactor, 0.4)));
        e.completionTokens += out;
        const tokensPerSecond = logNormal(random, speed, 0.2);
        e.speeds.push(tokensPerSecond);
        const first = queue + logNormal(random, ttft, 0.4);
        e.ttfts.push(first);
        e.latencies.push(first + out / tokensPerSecond + logNormal(random, 0.1, 0.5));
        e.costUsd += cost * (out / stream.completionTokens / tokenFactor) * tokenFactor;
      }
      all.push(e);
    }
    return all;
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
