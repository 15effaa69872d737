/**
 * The secrets of the stores outside the stack (remote write, Jaeger's shared storage, Grafana's database):
 * Pulumi secrets like the rest (see SECRETS in schema.ts), each handed to its component as a file.
 */
export const EXTERNAL_STORE_SECRETS = {
  prometheusRemoteWritePassword: {
    section: "prometheus",
    doc: "basic auth to the remote-write store, with `prometheus.remoteWrite.username`; set with `--secret`",
    unset: "none",
  },
  prometheusRemoteWriteBearerToken: {
    section: "prometheus",
    doc: "a bearer token for the remote-write store (`Authorization: Bearer …`), instead of basic auth; set with `--secret`",
    unset: "none",
  },
  prometheusRemoteWriteHeaderValue: {
    section: "prometheus",
    doc: "the value of `prometheus.remoteWrite.secretHeader`; set with `--secret`",
    unset: "none",
  },
  grafanaDatabasePassword: {
    section: "grafana",
    doc: "the password of `grafana.database.user`; required with `grafana.database`; set with `--secret`",
    unset: "none",
  },
  jaegerStoragePassword: {
    section: "jaeger",
    doc: "the password of `jaeger.storage.username`; set with `--secret`",
    unset: "none",
  },
} as const;
