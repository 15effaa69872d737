import type { StackConfig } from "../../config/schema.ts";
import type { SecretFile } from "../types.ts";

/**
 * The remote-write credentials the stack sets, each a secret file in `dir`: Prometheus sends them to the
 * store, and Grafana's long-term datasource sends the same ones to the store's query side. The config
 * checks make basic auth and a bearer token exclusive, and each complete.
 */
export interface RemoteWriteCredentials {
  /** Basic auth: the user name in config, the password a secret. */
  basicAuth?: { username: string; password: SecretFile };
  bearerToken?: SecretFile;
  /** The one header whose value is a secret. */
  secretHeader?: { name: string; value: SecretFile };
}

export function remoteWriteCredentials(config: StackConfig, dir: string): RemoteWriteCredentials {
  const remoteWrite = config.prometheus.remoteWrite;
  if (!remoteWrite) return {};
  const set = (key: StackConfig["secretsSet"][number]) => config.secretsSet.includes(key);
  const { username, secretHeader } = remoteWrite;
  return {
    ...(username !== undefined && set("prometheusRemoteWritePassword")
      ? { basicAuth: { username, password: { secret: "prometheus-remote-write-password", mountPath: `${dir}/remote-write-password` } } }
      : {}),
    ...(set("prometheusRemoteWriteBearerToken") ? { bearerToken: { secret: "prometheus-remote-write-bearer-token", mountPath: `${dir}/remote-write-bearer-token` } } : {}),
    ...(secretHeader !== undefined && set("prometheusRemoteWriteHeaderValue")
      ? { secretHeader: { name: secretHeader, value: { secret: "prometheus-remote-write-header-value", mountPath: `${dir}/remote-write-header-value` } } }
      : {}),
  };
}

/** The secret files of the credentials, for the component's description. */
export function credentialFiles(credentials: RemoteWriteCredentials): SecretFile[] {
  return [credentials.basicAuth?.password, credentials.bearerToken, credentials.secretHeader?.value].filter((file): file is SecretFile => file !== undefined);
}
