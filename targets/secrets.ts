import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { LoadedStackConfig } from "../config/fromPulumi.ts";
import type { SecretName } from "../components/types.ts";

/**
 * The secrets components read. The Grafana admin password is the stack's `grafanaAdminPassword` when set;
 * otherwise one is generated once and kept (encrypted) in the stack's state. Never admin/admin. The
 * Alertmanager webhook URL exists only when the stack sets `alertmanagerWebhookUrl`.
 */
export type StackSecrets = Partial<Record<SecretName, pulumi.Output<string>>>;

export function resolveSecrets(loaded: LoadedStackConfig): StackSecrets & { "grafana-admin-password": pulumi.Output<string> } {
  const given = loaded.secrets.grafanaAdminPassword;
  const grafanaAdminPassword =
    given ?? new random.RandomPassword("grafana-admin-password", { length: 24, special: false }).result;
  const webhookUrl = loaded.secrets.alertmanagerWebhookUrl;
  return {
    "grafana-admin-password": pulumi.secret(grafanaAdminPassword),
    ...(webhookUrl ? { "alertmanager-webhook-url": pulumi.secret(webhookUrl) } : {}),
  };
}

/** A secret a component description asks for; the description only asks for secrets the stack sets. */
export function requireSecret(secrets: StackSecrets, name: SecretName): pulumi.Output<string> {
  const value = secrets[name];
  if (!value) throw new Error(`the secret ${name} is not set, but a component reads it`);
  return value;
}
