import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { LoadedStackConfig } from "./config/fromPulumi.ts";
import type { SecretName } from "./components/types.ts";

/**
 * The secrets components read. The Grafana admin password is the stack's `grafanaAdminPassword` when set;
 * otherwise one is generated once and kept (encrypted) in the stack's state. Never admin/admin.
 */
export function resolveSecrets(loaded: LoadedStackConfig): Record<SecretName, pulumi.Output<string>> {
  const given = loaded.secrets.grafanaAdminPassword;
  const grafanaAdminPassword =
    given ?? new random.RandomPassword("grafana-admin-password", { length: 24, special: false }).result;
  return { "grafana-admin-password": pulumi.secret(grafanaAdminPassword) };
}
