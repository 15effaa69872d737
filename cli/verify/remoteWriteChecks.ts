import type { Check } from "../preflight/checks.ts";
import type { StackExpectations } from "./expectations.ts";
import { describe, failed, http, settle } from "./http.ts";

/**
 * How far behind what Prometheus has enqueued a queue that sent nothing during the check may be and still
 * count as delivering: a queue sends at least every batch_send_deadline (5 s by default).
 */
export const REMOTE_WRITE_MAX_LAG_SECONDS = 60;

/** One remote-write queue as Prometheus' own metrics show it (storage/remote/queue_manager.go). */
interface Queue {
  url: string;
  /** The newest sample enqueued and the newest the store accepted, in seconds since the epoch; 0 for none yet. */
  highest: number;
  highestSent: number;
  sent: number;
  failed: number;
  retried: number;
}

const QUEUE_METRICS = {
  highest: "prometheus_remote_storage_queue_highest_timestamp_seconds",
  highestSent: "prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
  sent: "prometheus_remote_storage_samples_total",
  failed: "prometheus_remote_storage_samples_failed_total",
  retried: "prometheus_remote_storage_samples_retried_total",
} as const satisfies Record<Exclude<keyof Queue, "url">, string>;

/** The queues in Prometheus' /metrics text, by their `url` label. */
export function remoteWriteQueues(metricsText: string): Map<string, Queue> {
  const queues = new Map<string, Queue>();
  const sample = /^([a-z_:]+)\{([^}]*)\}\s+(\S+)/;
  for (const line of metricsText.split("\n")) {
    const match = sample.exec(line);
    if (!match) continue;
    const field = (Object.keys(QUEUE_METRICS) as (keyof typeof QUEUE_METRICS)[]).find((key) => QUEUE_METRICS[key] === match[1]);
    const url = /(?:^|,)url="((?:[^"\\]|\\.)*)"/.exec(match[2]!)?.[1];
    if (!field || url === undefined) continue;
    const queue = queues.get(url) ?? { url, highest: 0, highestSent: 0, sent: 0, failed: 0, retried: 0 };
    queue[field] = Number(match[3]);
    queues.set(url, queue);
  }
  return queues;
}

/**
 * Prometheus counts every attempt as sent (samples_total), a refused one also as failed and a retried one as
 * retried, and moves highest_sent_timestamp on either way; so what reached the store in a span of time is
 * the sent less the failed and retried over it.
 */
function delivered(before: Queue | undefined, now: Queue): { attempted: number; accepted: number; failed: number; retried: number } {
  const delta = (field: "sent" | "failed" | "retried") => now[field] - (before?.[field] ?? 0);
  const attempted = delta("sent");
  return { attempted, accepted: attempted - delta("failed") - delta("retried"), failed: delta("failed"), retried: delta("retried") };
}

const FIX =
  "Prometheus' log says what the store answered (lines from `remote_write`): 401 or 403 — the credentials (prometheusRemoteWritePassword, " +
  "prometheusRemoteWriteBearerToken, the secret header); 404 — the URL's path; no answer — the URL, DNS, or a firewall or egress policy " +
  "between Prometheus and the store (README, Scaling out).";

async function readQueues(url: string): Promise<Map<string, Queue> | string> {
  const answer = await http(`${url}/metrics`);
  return failed(answer) || answer.status !== 200 ? describe(answer) : remoteWriteQueues(answer.text);
}

/**
 * Remote write as Prometheus reports it on its own /metrics: for each configured store, whether the
 * samples Prometheus sent since this check began reached it, what it refused, and how far behind the queue
 * is. Waits, up to the deadline, until every queue has sent something (a queue sends at least every
 * batch_send_deadline).
 */
export async function remoteWriteChecks(url: string, expected: StackExpectations, deadline: number): Promise<Check[]> {
  if (expected.remoteWriteUrls.length === 0) return [];
  const first = await readQueues(url);
  if (typeof first === "string") return [{ name: "Prometheus remote write", ok: false, detail: `${url}/metrics: ${first}` }];
  const startedAt = Date.now();
  const last = await settle<Map<string, Queue> | string>(async () => {
    const now = await readQueues(url);
    if (typeof now === "string") return { done: true, value: now };
    const done = expected.remoteWriteUrls.every((target) => {
      const queue = now.get(target);
      return queue !== undefined && delivered(first.get(target), queue).attempted > 0;
    });
    return { done, value: now };
  }, deadline);
  if (typeof last === "string") return [{ name: "Prometheus remote write", ok: false, detail: `${url}/metrics: ${last}` }];
  const seconds = Math.max(1, Math.round((Date.now() - startedAt) / 1000));
  return expected.remoteWriteUrls.map((target): Check => {
    const name = `Prometheus remote write to ${target}`;
    const queue = last.get(target);
    if (!queue) return { name, ok: false, detail: "Prometheus runs no queue for this store", fix: "Prometheus' log says why it did not load the remote_write section." };
    const span = delivered(first.get(target), queue);
    const lag = queue.highestSent > 0 ? Math.max(0, queue.highest - queue.highestSent) : undefined;
    const counts = `in ${seconds} s: ${span.accepted} samples accepted, ${span.failed} refused, ${span.retried} retried`;
    if (span.accepted > 0) {
      return { name, ok: true, ...(span.failed > 0 ? { warning: true, fix: FIX } : {}), detail: `delivering, ${lag ?? 0} s behind; ${counts}` };
    }
    if (span.failed > 0) return { name, ok: false, detail: `the store refuses the samples; ${counts}`, fix: FIX };
    if (span.retried > 0) return { name, ok: false, detail: `the store is not reached (Prometheus keeps retrying); ${counts}`, fix: FIX };
    if (queue.highest === 0) return { name, ok: false, warning: true, detail: `nothing to send yet (no series kept by the write relabelling); ${counts}` };
    return lag !== undefined && lag <= REMOTE_WRITE_MAX_LAG_SECONDS
      ? { name, ok: true, detail: `nothing new to send in ${seconds} s, ${lag} s behind` }
      : { name, ok: false, detail: `nothing sent in ${seconds} s, ${lag === undefined ? "nothing delivered yet" : `${lag} s behind`}`, fix: FIX };
  });
}
