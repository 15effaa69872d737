import { PROMETHEUS_REPLICA_LABEL } from "./replicas.ts";
import { z } from "zod";
import { formatted, text } from "./fields.ts";
import { prometheusDuration } from "./formats.ts";
import { headerName, httpUrl, oneLine, required } from "./externalStoreFormats.ts";
import { describeKeys } from "./keyDocs.ts";

const atLeastOne = (what: string) =>
  z
    .number({ error: `expected a number: ${what}, an integer 1 or greater` })
    .int({ error: `${what}: an integer 1 or greater` })
    .min(1, { error: `${what}: an integer 1 or greater` });

/**
 * How Prometheus queues samples for the store: Prometheus' own defaults
 * (github.com/prometheus/prometheus config.DefaultQueueConfig), written out so the README states them.
 */
const queue = z.strictObject({
  capacity: atLeastOne("samples buffered per shard").default(10000),
  maxShards: atLeastOne("shards").default(50),
  maxSamplesPerSend: atLeastOne("samples per request").default(2000),
  batchSendDeadline: formatted(prometheusDuration).default("5s"),
});
describeKeys(queue, {
  capacity: "samples each shard buffers before reading the write-ahead log waits (Prometheus advises 3 to 10 times `maxSamplesPerSend`)",
  maxShards: "the most requests in flight at once",
  maxSamplesPerSend: "samples per request",
  batchSendDeadline: "the longest a sample waits in a shard before its (smaller) request is sent",
});

/**
 * Prometheus' remote write to a long-term, shared store (Mimir, Thanos Receive, VictoriaMetrics, Grafana
 * Cloud, ...). The password, bearer token and secret header value are Pulumi secrets
 * (remoteWriteSecrets.ts), mounted as files that prometheus.yml names; none of them is ever in config.
 */
export const remoteWriteSection = z.strictObject({
  url: required(
    httpUrl,
    "remote write needs the URL its store takes samples at (Mimir: https://<host>/api/v1/push; Thanos Receive: http://<host>:19291/api/v1/receive; " +
      "VictoriaMetrics: http://<host>:8428/api/v1/write): set prometheus.remoteWrite.url, or remove prometheus.remoteWrite",
  ),
  headers: z.record(z.string(), text("expected a string: the header's value"), { error: "expected a map of header: value" }).default({}),
  secretHeader: formatted(headerName).optional(),
  username: formatted(oneLine("the basic-auth user name: one line, not empty")).optional(),
  send: z.enum(["canonical", "all"], { error: "canonical or all" }).default("canonical"),
  cluster: formatted(oneLine("a label value: one line, not empty")).optional(),
  queue: queue.prefault({}),
  queryUrl: formatted(httpUrl).optional(),
});
describeKeys(remoteWriteSection, {
  url: { doc: "remote write: the store's push URL (Mimir `/api/v1/push`, Thanos Receive `/api/v1/receive`, VictoriaMetrics `/api/v1/write`); the section is off unless set", unset: "none (no remote write)" },
  headers: {
    doc: "headers sent with every request, in plain config: not for secrets (Mimir's tenant: `X-Scope-OrgID: team-a`); not `Authorization` or the headers Prometheus sets itself",
    unset: "none",
  },
  secretHeader: {
    doc: "the name of one header whose value is a secret (`prometheusRemoteWriteHeaderValue`), read from a file at every request (`http_headers.files`)",
    unset: "none",
  },
  username: { doc: "basic auth: the user name; its password is the secret `prometheusRemoteWritePassword`. Not with `prometheusRemoteWriteBearerToken`", unset: "none (no basic auth)" },
  send:
    "`canonical`: only the series the stack's recording rules record (`level:metric:operation`), `up` and `ALERTS`, which every dashboard and alert reads; `all`: every series, raw emitter series included",
  cluster: {
    doc: "the `cluster` external label on every series written (and alert sent), so a store shared by several stacks tells them apart; Mimir's HA tracker reads the same label",
    unset: "the stack's `namePrefix`",
  },
  queryUrl: {
    doc:
      "the store's Prometheus query URL (Mimir `https://<host>/prometheus`, Thanos Query `http://<host>:10902`, VictoriaMetrics `http://<host>:8428`): Grafana gets a second Prometheus datasource, " +
      "UID `llmobs-prometheus-long-term`, with the same headers and credentials. Replicas are deduplicated by the store: each Prometheus replica sends the same `cluster` and its own " +
      `\`${PROMETHEUS_REPLICA_LABEL}\` label; Thanos Query with \`--query.replica-label=${PROMETHEUS_REPLICA_LABEL}\`, Mimir's HA tracker with \`accept_ha_samples\` and ` +
      `\`ha_replica_label: ${PROMETHEUS_REPLICA_LABEL}\` (\`ha_cluster_label\` is \`cluster\` already), VictoriaMetrics by dropping \`${PROMETHEUS_REPLICA_LABEL}\` on ingest ` +
      "with `-dedup.minScrapeInterval` set to the scrape interval",
    unset: "none (no long-term datasource)",
  },
});

export type RemoteWriteConfig = z.infer<typeof remoteWriteSection>;
