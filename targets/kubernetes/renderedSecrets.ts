import type { KubernetesConfig } from "../../config/kubernetesSchema.ts";
import type { SecretName, StackDescription } from "../../components/types.ts";
import { secretName } from "./naming.ts";
import { SECRET_KEY } from "./podTemplate.ts";
import { SECRET_CONFIG_KEYS } from "../secrets.ts";

/** Where Pulumi prints a secret's value: the (maybe generated) admin password is a stack output, the rest the stack's own (encrypted) config. */
function readValue(secret: SecretName, stack: string): string {
  return secret === "grafana-admin-password"
    ? `pulumi stack output grafanaAdminPassword --show-secrets --stack ${stack}`
    : `pulumi config get ${SECRET_CONFIG_KEYS[secret]} --stack ${stack}`;
}

/** Whether the manifests leave the stack's Secrets out: rendering, unless plaintext Secrets are asked for. */
export function omitsSecrets(kubernetes: KubernetesConfig): boolean {
  return kubernetes.render.directory !== undefined && kubernetes.render.secrets === "omit";
}

/**
 * The command that creates a Secret the rendered manifests leave out, in the cluster the manifests go
 * to, from the value Pulumi keeps (without a trailing newline, and never on a command line).
 */
export function createSecretCommand(secret: SecretName, kubernetes: KubernetesConfig, stack: string): string {
  return (
    `${readValue(secret, stack)} | tr -d '\\n' | ` +
    `kubectl --namespace ${kubernetes.namespace} create secret generic ${secretName(secret)} --from-file=${SECRET_KEY}=/dev/stdin`
  );
}

/** The Secrets the components mount. */
export function usedSecrets(stack: StackDescription): SecretName[] {
  return [...new Set(stack.components.flatMap((component) => component.secretFiles.map((file) => file.secret)))];
}

/** For each Secret the rendered manifests leave out, the command that creates it; undefined when none are left out. */
export function omittedSecretCommands(stack: StackDescription, kubernetes: KubernetesConfig, stackName: string): Partial<Record<SecretName, string>> | undefined {
  if (!omitsSecrets(kubernetes)) return undefined;
  return Object.fromEntries(usedSecrets(stack).map((secret) => [secret, createSecretCommand(secret, kubernetes, stackName)]));
}
