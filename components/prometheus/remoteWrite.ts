import type { DescribeContext } from "../context.ts";
import type { SecretFile } from "../types.ts";
import { recordedSeries } from "../../rules/recordedSeries.ts";
import { remoteWriteCredentials } from "./remoteWriteCredentials.ts";

/** Where Prometheus' secret files are mounted. */
export const PROMETHEUS_SECRETS_DIR = "/etc/prometheus/secrets";

/** Series every store gets whatever `send` says: target health, and the alerts' state. */
const ALWAYS_SENT = ["up", "ALERTS"];

function escapeRegex(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * prometheus.yml's `remote_write`, when the config has one: the store's URL, its plain headers, the
 * credentials as files (basic auth's `password_file`, a bearer token's `credentials_file`, a secret
 * header's `http_headers.<name>.files`), the queue, and by default a relabelling that keeps only the
 * recorded series, `up` and `ALERTS`. Metadata is sent only with every series: it would name the raw ones.
 */
export function renderRemoteWrite(ctx: DescribeContext): unknown[] | undefined {
  const remoteWrite = ctx.config.prometheus.remoteWrite;
  if (!remoteWrite) return undefined;
  const { basicAuth, bearerToken, secretHeader } = remoteWriteCredentials(ctx.config, PROMETHEUS_SECRETS_DIR);
  const path = (file: SecretFile) => ctx.secretPath(file.secret, file.mountPath);
  const { queue } = remoteWrite;
  const kept = [...ALWAYS_SENT, ...recordedSeries(ctx.config)].map(escapeRegex).join("|");
  return [
    {
      url: remoteWrite.url,
      ...(Object.keys(remoteWrite.headers).length > 0 ? { headers: remoteWrite.headers } : {}),
      ...(secretHeader ? { http_headers: { [secretHeader.name]: { files: [path(secretHeader.value)] } } } : {}),
      ...(basicAuth ? { basic_auth: { username: basicAuth.username, password_file: path(basicAuth.password) } } : {}),
      ...(bearerToken ? { authorization: { type: "Bearer", credentials_file: path(bearerToken) } } : {}),
      queue_config: {
        capacity: queue.capacity,
        max_shards: queue.maxShards,
        max_samples_per_send: queue.maxSamplesPerSend,
        batch_send_deadline: queue.batchSendDeadline,
      },
      ...(remoteWrite.send === "canonical"
        ? { write_relabel_configs: [{ source_labels: ["__name__"], regex: kept, action: "keep" }], metadata_config: { send: false } }
        : {}),
    },
  ];
}
