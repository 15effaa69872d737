import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { parseStackConfig, StackConfigError, type ConfigProblem } from "./parse.ts";
import { CONFIG_NAMESPACE, SECRET_KEYS, type StackConfig } from "./schema.ts";

/** Where the stack config files live (Pulumi.yaml's stackConfigDir). */
export const STACKS_DIR = new URL("..", import.meta.url).pathname;

export function stackFilePath(stack: string, stacksDir = STACKS_DIR): string {
  return join(stacksDir, `Pulumi.${stack}.yaml`);
}

export class UnknownStackError extends Error {}

/**
 * Reads a stack's config straight from stacks/Pulumi.<stack>.yaml, without the Pulumi CLI, for the
 * render, diff and preflight scripts. Secrets stay encrypted: only whether they are set is known here,
 * and nothing rendered from config ever contains one.
 */
export function readStackFile(stack: string, stacksDir = STACKS_DIR): StackConfig {
  const path = stackFilePath(stack, stacksDir);
  if (!existsSync(path)) {
    throw new UnknownStackError(
      `No stack "${stack}": ${path} does not exist. The project's stacks are local (Docker) and cluster (Kubernetes); ` +
        `to make another, copy one of their files to stacks/Pulumi.${stack}.yaml and run \`pulumi stack init ${stack}\`.`,
    );
  }
  return parseStackDocument(readFileSync(path, "utf8"));
}

export function parseStackDocument(text: string): StackConfig {
  const document = (load(text) ?? {}) as { config?: Record<string, unknown> };
  const prefix = `${CONFIG_NAMESPACE}:`;
  const values: Record<string, unknown> = {};
  const secrets: Record<string, string | undefined> = {};
  const plaintextSecrets: ConfigProblem[] = [];
  for (const [fullKey, value] of Object.entries(document.config ?? {})) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    if ((SECRET_KEYS as readonly string[]).includes(key)) {
      // Encrypted ({ secure: ... }) values cannot be read without the CLI; a plain one can be checked.
      secrets[key] = typeof value === "string" ? value : undefined;
      if (typeof value === "string" && value.trim() !== "") {
        plaintextSecrets.push({
          key: fullKey,
          value: "(hidden)",
          message: `is stored in plain text in the stack file; store it encrypted with \`pulumi config set --secret ${fullKey} <value>\``,
        });
      }
    } else {
      values[key] = value;
    }
  }
  try {
    const config = parseStackConfig({ values, secrets });
    if (plaintextSecrets.length > 0) throw new StackConfigError(plaintextSecrets);
    return config;
  } catch (error) {
    if (error instanceof StackConfigError && plaintextSecrets.length > 0 && error.problems !== plaintextSecrets) {
      throw new StackConfigError([...plaintextSecrets, ...error.problems]);
    }
    throw error;
  }
}
