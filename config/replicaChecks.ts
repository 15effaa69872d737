import { CONFIG_NAMESPACE, type ParsedStackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { MAX_REPLICAS, type ReplicatedComponent } from "./replicas.ts";

/** Peers need the cluster target: the Docker stack is one machine's, one container per component. */
export function replicaProblems(config: ParsedStackConfig): ConfigProblem[] {
  if (config.target === "kubernetes") return [];
  return (Object.keys(MAX_REPLICAS) as ReplicatedComponent[]).flatMap((component) => {
    const { replicas } = config[component];
    if (replicas === 1) return [];
    return [
      {
        key: `${CONFIG_NAMESPACE}:${component}.replicas`,
        value: replicas,
        message:
          `${replicas} is not allowed with target ${config.target}; peers on Docker are not supported: the Docker stack runs one ` +
          `${component} on one machine. Run replicas on the cluster target (target: kubernetes, the cluster stack), or remove ` +
          `${component}.replicas from this stack`,
        dependsOn: [`${CONFIG_NAMESPACE}:target`],
      },
    ];
  });
}
