import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { LoadedStackConfig } from "../config/fromPulumi.ts";
import type { SecretName } from "../components/types.ts";
import type { SecretKey } from "../config/schema.ts";

/** The config key (`llmobs:<key>`, set with --secret) each secret comes from. */
export const SECRET_CONFIG_KEYS: Record<SecretName, SecretKey> = {
  "grafana-admin-password": "grafanaAdminPassword",
  "alertmanager-webhook-url": "alertmanagerWebhookUrl",
  "prometheus-remote-write-password": "prometheusRemoteWritePassword",
  "prometheus-remote-write-bearer-token": "prometheusRemoteWriteBearerToken",
  "prometheus-remote-write-header-value": "prometheusRemoteWriteHeaderValue",
  "jaeger-storage-password": "jaegerStoragePassword",
  "grafana-database-password": "grafanaDatabasePassword",
};

/**
 * The secrets components read. The Grafana admin password is the stack's `grafanaAdminPassword` when set;
 * otherwise one is generated once and kept (encrypted) in the stack's state. Never admin/admin. Every
 * other secret (the Alertmanager webhook URL, the external stores' credentials) exists only when the stack
 * sets it.
 */
export type StackSecrets = Partial<Record<SecretName, pulumi.Output<string>>>;

export function resolveSecrets(loaded: LoadedStackConfig): StackSecrets & { "grafana-admin-password": pulumi.Output<string> } {
  const given = loaded.secrets.grafanaAdminPassword;
  const grafanaAdminPassword =
    given ?? new random.RandomPassword("grafana-admin-password", { length: 24, special: false }).result;
  const optional: StackSecrets = {};
  for (const [name, key] of Object.entries(SECRET_CONFIG_KEYS) as [SecretName, SecretKey][]) {
    const value = loaded.secrets[key];
    if (value && name !== "grafana-admin-password") optional[name] = pulumi.secret(value);
  }
  return { "grafana-admin-password": pulumi.secret(grafanaAdminPassword), ...optional };
}

/** A secret a component description asks for; the description only asks for secrets the stack sets. */
export function requireSecret(secrets: StackSecrets, name: SecretName): pulumi.Output<string> {
  const value = secrets[name];
  if (!value) throw new Error(`the secret ${name} is not set, but a component reads it`);
  return value;
}
