import { CONFIG_NAMESPACE, type SecretKey, type StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";

/** A key as a user types it: `llmobs:<path>`. */
export const key = (path: string) => `${CONFIG_NAMESPACE}:${path}`;

/** The secrets' values where they can be read (in the Pulumi program), undefined where still encrypted. */
export type SecretValues = Partial<Record<string, string | undefined>>;

/** A store's secret set while its section is not: nothing reads it. */
export function setWithout(config: StackConfig, secret: SecretKey, section: string, fix: string): ConfigProblem[] {
  if (!config.secretsSet.includes(secret)) return [];
  return [
    {
      key: key(secret),
      value: "(hidden)",
      message: `is set, but ${section} is not, so nothing reads it: ${fix}, or remove it with \`pulumi config rm ${key(secret)}\``,
      // Not said of a section given but left out for a problem of its own.
      dependsOn: [key(section)],
    },
  ];
}

/** A key that needs a secret the stack does not set: how to set it, or to remove the key. */
export function missingSecret(secret: SecretKey, path: string, value: unknown, what: string): ConfigProblem {
  return {
    key: key(path),
    value,
    message: `${JSON.stringify(value)} needs ${what}: set it with \`pulumi config set --secret ${key(secret)} <value>\`, or remove ${path}`,
    unsetSecret: secret,
  };
}
