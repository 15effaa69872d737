import { readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { load, YAMLException } from "js-yaml";
import { parseStackConfig } from "./parse.ts";
import { StackConfigError, type ConfigProblem } from "./problems.ts";
import type { StackFacts } from "./stackFacts.ts";
import { CONFIG_NAMESPACE, SECRET_KEYS, type StackConfig } from "./schema.ts";
import { misplacedKeyProblems } from "./namespaces.ts";

/** Where the stack config files live (Pulumi.yaml's stackConfigDir). */
export const STACKS_DIR = new URL("../stacks/", import.meta.url).pathname;

export function stackFilePath(stack: string, stacksDir = STACKS_DIR): string {
  return join(stacksDir, `Pulumi.${stack}.yaml`);
}

export class UnknownStackError extends Error {}

/** A stack file that is not YAML: the file, line and column, and the problem. */
export class StackFileError extends Error {}

/**
 * Reads a stack's config straight from stacks/Pulumi.<stack>.yaml, without the Pulumi CLI, for the
 * render, diff and preflight scripts. Secrets stay encrypted: only whether they are set is known here,
 * and nothing rendered from config ever contains one.
 */
export function readStackFile(stack: string, facts: StackFacts, stacksDir = STACKS_DIR): StackConfig {
  const path = stackFilePath(stack, stacksDir);
  return parseStackDocument(readStackText(stack, path), facts, relative(process.cwd(), path) || path);
}

function readStackText(stack: string, path: string): string {
  if (!existsSync(path)) {
    throw new UnknownStackError(
      `No stack "${stack}": ${path} does not exist. The project's stacks are local (Docker) and cluster (Kubernetes); ` +
        `to make another, copy one of their files to stacks/Pulumi.${stack}.yaml and run \`pulumi stack init ${stack}\`.`,
    );
  }
  return readFileSync(path, "utf8");
}

/**
 * A stack file read for what does not deploy it (rendering the files, knowing whose data is whose): the
 * secrets it needs but does not set yet, as an example stack ships, are returned to be said, not refused;
 * nothing rendered holds a secret's value. Every other problem is refused as readStackFile refuses it, and
 * deploying still needs each secret.
 */
export function readStackFileWithUnsetSecrets(
  stack: string,
  facts: StackFacts,
  stacksDir = STACKS_DIR,
): { config: StackConfig; unsetSecrets: ConfigProblem[] } {
  const path = stackFilePath(stack, stacksDir);
  const text = readStackText(stack, path);
  const file = relative(process.cwd(), path) || path;
  try {
    return { config: parseStackDocument(text, facts, file), unsetSecrets: [] };
  } catch (error) {
    if (!(error instanceof StackConfigError) || !error.problems.every((p) => p.unsetSecret !== undefined)) throw error;
    const unset = new Set(error.problems.map((p) => p.unsetSecret!));
    return { config: parseStackDocument(text, facts, file, unset), unsetSecrets: error.problems };
  }
}

function loadYaml(text: string, file: string): unknown {
  try {
    return load(text);
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const { line = 0, column = 0 } = error.mark ?? {};
    const source = text.split("\n")[line] ?? "";
    throw new StackFileError(
      `${file}:${line + 1}:${column + 1}: ${error.reason}\n` +
        `  ${line + 1} | ${source}\n  ${" ".repeat(String(line + 1).length)} | ${" ".repeat(column)}^\n` +
        `${file} is not valid YAML, so nothing was read from it and nothing was changed. Fix that line (YAML indents with spaces, never tabs).`,
    );
  }
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? "a list" : value === null ? "nothing" : typeof value === "object" ? "a mapping" : `the ${typeof value} ${JSON.stringify(value)}`;
}

/** The stack file's `config:` as key/value pairs, and what is wrong with the file's shape. */
function configEntries(document: unknown): { entries: [string, unknown][]; problems: ConfigProblem[] } {
  if (document === undefined || document === null) return { entries: [], problems: [] };
  if (typeof document !== "object" || Array.isArray(document)) {
    return {
      entries: [],
      problems: [{ key: "(the whole file)", value: document, message: `the file holds ${kindOf(document)}; a stack file is a mapping with a config: section` }],
    };
  }
  const { config, ...rest } = document as Record<string, unknown>;
  const problems: ConfigProblem[] = Object.keys(rest)
    .filter((key) => key.startsWith(`${CONFIG_NAMESPACE}:`))
    .map((key) => ({
      key,
      value: rest[key],
      message: "is at the top of the file, where Pulumi ignores it; config keys belong under config: (indent it there)",
    }));
  if (config === undefined || config === null) return { entries: [], problems };
  if (typeof config !== "object" || Array.isArray(config)) {
    problems.push({
      key: "config",
      value: config,
      message: `holds ${kindOf(config)}, so none of it is read; it must be a mapping of ${CONFIG_NAMESPACE}:<key>: <value> lines (no "-" in front, a space after each colon)`,
    });
    return { entries: [], problems };
  }
  return { entries: Object.entries(config as Record<string, unknown>), problems };
}

/** `assumeSet`: secrets taken as set (encrypted, their values unknown) though the file does not hold them. */
export function parseStackDocument(text: string, facts: StackFacts, file = "the stack file", assumeSet: ReadonlySet<string> = new Set()): StackConfig {
  const { entries, problems } = configEntries(loadYaml(text, file));
  problems.push(...misplacedKeyProblems(entries.map(([key]) => key)));
  const prefix = `${CONFIG_NAMESPACE}:`;
  const values: Record<string, unknown> = {};
  const secrets: Record<string, string | undefined> = Object.fromEntries([...assumeSet].map((key) => [key, undefined]));
  for (const [fullKey, value] of entries) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    if ((SECRET_KEYS as readonly string[]).includes(key)) {
      // Encrypted ({ secure: ... }) values cannot be read without the CLI; a plain one can be checked.
      secrets[key] = typeof value === "string" ? value : undefined;
      if (typeof value === "string" && value.trim() !== "") {
        problems.push({
          key: fullKey,
          value: "(hidden)",
          message: `is stored in plain text in the stack file; store it encrypted with \`pulumi config set --secret ${fullKey} <value>\``,
        });
      }
    } else {
      values[key] = value;
    }
  }
  return parseStackConfig({ values, secrets, problems }, facts);
}
