import { CONFIG_NAMESPACE, type ParsedStackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { quantityValue } from "./quantity.ts";
import type { ComponentName } from "./components.ts";
import type { ResourceQuantities, StackFacts } from "./stackFacts.ts";

const PAIRS = [
  ["cpuLimit", "cpuRequest", "CPU"],
  ["memoryLimit", "memoryRequest", "memory"],
] as const satisfies readonly (readonly [keyof ResourceQuantities, keyof ResourceQuantities, string])[];

/**
 * A limit below its request is rejected by the API server; report it here, on the key the user set, with
 * the component's default filling in the side left unset.
 */
export function resourceOrderProblems(config: ParsedStackConfig, facts: Pick<StackFacts, "defaultResources">): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [component, given] of Object.entries(config.kubernetes.resources)) {
    if (!given) continue;
    const defaults = facts.defaultResources[component as ComponentName];
    for (const [limitKey, requestKey, what] of PAIRS) {
      const limit = given[limitKey] ?? defaults[limitKey];
      const request = given[requestKey] ?? defaults[requestKey];
      if (limit === undefined || request === undefined || quantityValue(limit) >= quantityValue(request)) continue;
      const blamed = given[limitKey] !== undefined ? limitKey : requestKey;
      const base = `${CONFIG_NAMESPACE}:kubernetes.resources.${component}`;
      problems.push({
        key: `${base}.${blamed}`,
        value: given[blamed],
        message:
          `${JSON.stringify(given[blamed])} is not allowed; the ${what} limit (${limit}) must not be below the ${what} request (${request})` +
          (given[limitKey] === undefined || given[requestKey] === undefined ? "; set both to change one past the other's default" : ""),
        dependsOn: [`${base}.${blamed === limitKey ? requestKey : limitKey}`],
      });
    }
  }
  return problems;
}

const PROMETHEUS_SIZE_UNITS: Record<string, number> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40, PB: 2 ** 50, EB: 2 ** 60 };

function prometheusBytes(size: string): number {
  const [, amount, unit] = /^(\d+)([A-Z]+)$/.exec(size) ?? [];
  return Number(amount) * (PROMETHEUS_SIZE_UNITS[unit ?? ""] ?? Number.NaN);
}

/** Prometheus' volume must hold what it keeps, or the disk fills before size-based retention deletes a block. */
export function prometheusStorageProblems(config: ParsedStackConfig, facts: Pick<StackFacts, "defaultPrometheusStorage">): ConfigProblem[] {
  if (config.target !== "kubernetes") return [];
  const given = config.kubernetes.storage.prometheus;
  const storage = given ?? facts.defaultPrometheusStorage;
  const retention = config.prometheus.retentionSize;
  if (quantityValue(storage) > prometheusBytes(retention)) return [];
  const message = `the Prometheus volume (${storage}) must be larger than prometheus.retentionSize (${retention})`;
  return [
    given !== undefined
      ? {
          key: `${CONFIG_NAMESPACE}:kubernetes.storage.prometheus`,
          value: given,
          message: `${JSON.stringify(given)} is not allowed; ${message}`,
          dependsOn: [`${CONFIG_NAMESPACE}:prometheus.retentionSize`],
        }
      : {
          key: `${CONFIG_NAMESPACE}:prometheus.retentionSize`,
          value: retention,
          message: `${JSON.stringify(retention)} is not allowed; ${message}: lower it or raise kubernetes.storage.prometheus`,
        },
  ];
}
