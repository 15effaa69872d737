import type { z } from "zod";
import { CONFIG_NAMESPACE, SECRETS, SECRET_KEYS, stackConfigSchema, type ParsedStackConfig, type SecretKey, type StackConfig } from "./schema.ts";
import { prometheusStorageProblems, resourceOrderProblems } from "./resourceChecks.ts";
import { parseLeavingOutInvalid, touchesLeftOut } from "./leaveOutInvalid.ts";
import { discoveryProblems, jobNameProblems, scrapeIntervalProblems } from "./scrapeChecks.ts";
import { nodeExporterProblems } from "./nodeExporterChecks.ts";
import { renderProblems } from "./renderChecks.ts";
import { externalStoreProblems } from "./externalStoreChecks.ts";
import { replicaProblems } from "./replicaChecks.ts";
import { demoProblems } from "./demoChecks.ts";
import { StackConfigError, type ConfigProblem } from "./problems.ts";
import type { StackFacts } from "./stackFacts.ts";

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

function isTransform(schema: unknown): boolean {
  return (schema as { def?: { type?: string } } | undefined)?.def?.type === "transform";
}

/** The keys an object schema accepts at `path`, for "unknown key" messages. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: unknown = stackConfigSchema;
  for (const part of [...path, null]) {
    // Unwrap defaults / prefaults / optionals, and pipes (to the side that is no transform), to the schema beneath.
    while (schema && typeof schema === "object" && !("shape" in schema) && "def" in schema) {
      const def = (schema as { def: { type?: string; innerType?: unknown; in?: unknown; out?: unknown } }).def;
      const next = def.innerType ?? (def.type === "pipe" ? (isTransform(def.in) ? def.out : def.in) : undefined);
      if (!next) break;
      schema = next;
    }
    if (part === null) break;
    const def = (schema as { def?: { type?: string; element?: unknown } }).def;
    if (typeof part === "number" && def?.type === "array") {
      schema = def.element;
      continue;
    }
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    schema = shape?.[String(part)];
  }
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function unknownKeyMessage(path: readonly PropertyKey[], key: string, known: string[]): string {
  const first = key.split(/[.[]/)[0]!;
  if (path.length === 0 && first !== key && known.includes(first)) {
    const fullKey = `${CONFIG_NAMESPACE}:${key}`;
    return (
      `a path stored as one key name, as \`pulumi config set\` does without --path, so ${first} is not changed; ` +
      `\`pulumi config rm '${fullKey}'\`, then \`pulumi config set --path '${fullKey}' <value>\``
    );
  }
  return `unknown key; the keys allowed here are ${known.join(", ")}`;
}

function problemsFromIssues(issues: z.core.$ZodIssue[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(issue.path);
      const secretHint = issue.path.length === 0 ? [...SECRET_KEYS].map((k) => `${k} (secret)`) : [];
      for (const key of issue.keys) {
        const value = (issue.input as Record<string, unknown> | undefined)?.[key];
        problems.push({ key: keyOf([...issue.path, key]), value, message: unknownKeyMessage(issue.path, key, [...known, ...secretHint]) });
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

/**
 * An objective of 100% leaves no error budget. (Any time-to-first-token bound works: where it is no bucket
 * bound, the share within it is interpolated; see warnings.ts.)
 */
function sloProblems(config: ParsedStackConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of ["availabilityPercent", "ttftPercent"] as const) {
    if (config.slo[key] >= 100) {
      problems.push({
        key: `${CONFIG_NAMESPACE}:slo.${key}`,
        value: config.slo[key],
        message: `${config.slo[key]} is not allowed; an objective must be below 100 (100% leaves no error budget to burn)`,
      });
    }
  }
  return problems;
}

/** A warning threshold must be crossed before its critical twin, or the warning could never be seen. */
function thresholdOrderProblems(config: ParsedStackConfig): ConfigProblem[] {
  const t = config.thresholds;
  const pairs: [keyof typeof t, keyof typeof t, "below" | "above"][] = [
    ["criticalTokenRate", "slowTokenRate", "below"],
    ["criticalRequestSeconds", "slowRequestSeconds", "above"],
    ["criticalErrorRatePercent", "errorRatePercent", "above"],
  ];
  const problems: ConfigProblem[] = [];
  for (const [critical, warning, direction] of pairs) {
    const ok = direction === "below" ? t[critical] < t[warning] : t[critical] > t[warning];
    if (!ok) {
      problems.push({
        key: `${CONFIG_NAMESPACE}:thresholds.${critical}`,
        value: t[critical],
        message: `${t[critical]} is not allowed; it must be ${direction === "below" ? "lower" : "higher"} than thresholds.${warning} (${t[warning]})`,
        dependsOn: [`${CONFIG_NAMESPACE}:thresholds.${warning}`],
      });
    }
  }
  return problems;
}

export interface RawStackConfig {
  /** Plain keys without the namespace, values already structured (objects, lists, numbers). */
  values: Record<string, unknown>;
  /** Secret keys the stack sets, with their value when it is readable here (undefined when still encrypted). */
  secrets: Partial<Record<string, string | undefined>>;
  /** Problems found while reading the config, before its values (a misspelt namespace), reported with the rest. */
  problems?: readonly ConfigProblem[];
}

/**
 * Validates a stack's raw config and returns it with defaults applied. Every problem is reported at once,
 * each naming its key, the bad value and what is allowed; nothing is registered before this passes.
 * `facts` are what the checks across keys need to know of the stack (components/factsForConfig.ts).
 */
export function parseStackConfig(raw: RawStackConfig, facts: StackFacts): StackConfig {
  const problems: ConfigProblem[] = [...(raw.problems ?? []), ...secretProblems(raw.secrets)];
  const { issues, data, leftOut } = parseLeavingOutInvalid(raw.values);
  problems.push(...problemsFromIssues(issues));
  if (data) {
    const config: StackConfig = { ...data, ...demoInPlaceOfDefaultService(data, raw.values), secretsSet: secretsSet(raw) };
    const acrossKeys = [
      ...resourceOrderProblems(config, facts),
      ...prometheusStorageProblems(config, facts),
      ...duplicatePortProblems(raw.values["ports"]),
      ...thresholdOrderProblems(config),
      ...sloProblems(config),
      ...jobNameProblems(config, facts),
      ...discoveryProblems(config),
      ...scrapeIntervalProblems(config, facts),
      ...nodeExporterProblems(config),
      ...renderProblems(config),
      ...externalStoreProblems(config, raw.secrets),
      ...replicaProblems(config),
      ...demoProblems(config, facts),
    ];
    const unprefixed = (key: string) => key.slice(CONFIG_NAMESPACE.length + 1);
    problems.push(...acrossKeys.filter((p) => !touchesLeftOut([p.key, ...(p.dependsOn ?? [])].map(unprefixed), leftOut)));
    if (problems.length === 0) return config;
  }
  throw new StackConfigError(problems);
}

/**
 * With the demo on and no `llmService` set, the demo is the stack's only LLM service: the default job
 * (an address where nothing of the user's runs yet) would only be a target down and an LLMServiceDown.
 */
function demoInPlaceOfDefaultService(data: Omit<StackConfig, "secretsSet">, values: RawStackConfig["values"]): Partial<StackConfig> {
  return data.demo.enabled && values["llmService"] === undefined ? { llmService: [] } : {};
}

function secretsSet(raw: RawStackConfig): SecretKey[] {
  return SECRET_KEYS.filter((key) => key in raw.secrets);
}

function secretProblems(secrets: RawStackConfig["secrets"]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [key, value] of Object.entries(secrets)) {
    if (!(SECRET_KEYS as readonly string[]).includes(key)) continue;
    if (value !== undefined && value.trim() === "") {
      problems.push({
        key: `${CONFIG_NAMESPACE}:${key}`,
        value: "(empty)",
        message: `an empty secret is not allowed; set a value with \`pulumi config set --secret\`, or remove the key${SECRETS[key as SecretKey].unset === "generated" ? " to have one generated" : ""}`,
      });
    } else if (key === "alertmanagerWebhookUrl" && value !== undefined && !/^https?:\/\/[^\s/]+/.test(value)) {
      problems.push({
        key: `${CONFIG_NAMESPACE}:${key}`,
        value: "(hidden)",
        message: "not an http(s) URL; set the receiver's full URL, e.g. https://hooks.slack.com/services/... or https://alerts.example.com/hook",
      });
    } else if (key === "grafanaAdminPassword" && value !== undefined && value.length < 12) {
      problems.push({
        key: `${CONFIG_NAMESPACE}:${key}`,
        value: "(hidden)",
        message: "a Grafana admin password must be at least 12 characters; remove the key to have a strong one generated",
      });
    }
  }
  return problems;
}
