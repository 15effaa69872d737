import type { z } from "zod";
import { CONFIG_NAMESPACE, SECRET_KEYS, stackConfigSchema, type StackConfig } from "./schema.ts";
import { prometheusStorageProblems, resourceOrderProblems } from "./kubernetesChecks.ts";

/** One bad config value: the key a user types, the value found, and what is allowed instead. */
export interface ConfigProblem {
  key: string;
  value: unknown;
  message: string;
}

export class StackConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(describeProblems(problems));
    this.name = "StackConfigError";
  }
}

export function describeProblems(problems: ConfigProblem[]): string {
  const lines = problems.map((p) => `  - ${p.key}: ${p.message}`);
  const noun = problems.length === 1 ? "problem" : "problems";
  return [
    `The stack config has ${problems.length} ${noun}; nothing was changed:`,
    ...lines,
    `Fix each with \`pulumi config set --path ${CONFIG_NAMESPACE}:<key> <value>\` (add --secret for secrets)`,
    "or edit stacks/Pulumi.<stack>.yaml; README.md lists every key with its default.",
  ].join("\n");
}

function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function keyOf(path: readonly PropertyKey[]): string {
  const dotted = path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`))
    .join("");
  return `${CONFIG_NAMESPACE}:${dotted}`;
}

/** The keys an object schema accepts at `path`, for "unknown key" messages. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = stackConfigSchema;
  for (const part of [...path, null]) {
    // Unwrap defaults / prefaults / optionals to the object schema beneath.
    while (schema && typeof schema === "object" && !("shape" in schema) && "def" in schema) {
      const def = (schema as { def: { innerType?: unknown } }).def;
      if (!def.innerType) break;
      schema = def.innerType;
    }
    if (part === null) break;
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    schema = shape?.[String(part)];
  }
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function problemsFromIssues(issues: z.core.$ZodIssue[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(issue.path);
      const secretHint = issue.path.length === 0 ? [...SECRET_KEYS].map((k) => `${k} (secret)`) : [];
      for (const key of issue.keys) {
        problems.push({
          key: keyOf([...issue.path, key]),
          value: (issue.input as Record<string, unknown> | undefined)?.[key],
          message: `unknown key; the keys allowed here are ${[...known, ...secretHint].join(", ")}`,
        });
      }
      continue;
    }
    const value = (issue as { input?: unknown }).input;
    problems.push({
      key: keyOf(issue.path),
      value,
      message: `${showValue(value)} is not allowed; ${issue.message}`,
    });
  }
  return problems;
}

/**
 * Two endpoints may not share one host port. Runs on the defaults overlaid with every port that is itself
 * valid, so a duplicate is reported alongside any other problem.
 */
function duplicatePortProblems(rawPorts: unknown): ConfigProblem[] {
  const given = rawPorts && typeof rawPorts === "object" ? (rawPorts as Record<string, unknown>) : {};
  const defaults: Record<string, unknown> = stackConfigSchema.shape.ports.parse({});
  // Defaults the user left alone first, so a clash is reported on the key the user set.
  const ordered = [
    ...Object.entries(defaults).filter(([name]) => !(name in given)),
    ...Object.entries(given).filter(([name]) => name in stackConfigSchema.shape.ports.unwrap().shape),
  ];
  const problems: ConfigProblem[] = [];
  const owners = new Map<number, string>();
  for (const [name, port] of ordered) {
    if (typeof port !== "number" || !Number.isInteger(port)) continue;
    const owner = owners.get(port);
    if (owner) {
      problems.push({
        key: `${CONFIG_NAMESPACE}:ports.${name}`,
        value: port,
        message: `${port} is not allowed; host port ${port} is already taken by ${CONFIG_NAMESPACE}:ports.${owner}, and each host port must be different`,
      });
    } else {
      owners.set(port, name);
    }
  }
  return problems;
}

export interface RawStackConfig {
  /** Plain keys without the namespace, values already structured (objects, lists, numbers). */
  values: Record<string, unknown>;
  /** Secret keys the stack sets, with their value when it is readable here (undefined when still encrypted). */
  secrets: Partial<Record<string, string | undefined>>;
}

/**
 * Validates a stack's raw config and returns it with defaults applied. Every problem is reported at once,
 * each naming its key, the bad value and what is allowed; nothing is registered before this passes.
 */
export function parseStackConfig(raw: RawStackConfig): StackConfig {
  const problems: ConfigProblem[] = [];
  for (const [key, value] of Object.entries(raw.secrets)) {
    if (!(SECRET_KEYS as readonly string[]).includes(key)) continue;
    if (value !== undefined && value.trim() === "") {
      problems.push({
        key: `${CONFIG_NAMESPACE}:${key}`,
        value: "(empty)",
        message: "an empty secret is not allowed; set a value with `pulumi config set --secret`, or remove the key to have one generated",
      });
    } else if (key === "grafanaAdminPassword" && value !== undefined && value.length < 12) {
      problems.push({
        key: `${CONFIG_NAMESPACE}:${key}`,
        value: "(hidden)",
        message: "a Grafana admin password must be at least 12 characters; remove the key to have a strong one generated",
      });
    }
  }
  const parsed = stackConfigSchema.safeParse(raw.values, { reportInput: true });
  if (!parsed.success) problems.push(...problemsFromIssues(parsed.error.issues));
  if (parsed.success) problems.push(...resourceOrderProblems(parsed.data), ...prometheusStorageProblems(parsed.data));
  problems.push(...duplicatePortProblems(raw.values["ports"]));
  if (problems.length > 0 || !parsed.success) throw new StackConfigError(problems);
  return parsed.data;
}
