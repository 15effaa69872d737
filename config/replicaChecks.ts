import { CONFIG_NAMESPACE, type ParsedStackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { MAX_REPLICAS, type ReplicatedComponent } from "./replicas.ts";

/**
 * Peers need the cluster target: the Docker stack is one machine's, one container per component. On the
 * cluster target, Jaeger and Grafana replicas need the shared store that replaces their volume.
 */
export function replicaProblems(config: ParsedStackConfig): ConfigProblem[] {
  if (config.target === "kubernetes") return sharedStoreProblems(config);
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

/** The store each stateless replicated component needs, which its replicas share instead of one pod's volume. */
const SHARED_STORES = {
  jaeger: {
    key: "jaeger.storage",
    local: "Badger, on one pod's volume",
    todo: "set jaeger.storage (backend and servers: Elasticsearch, OpenSearch, Cassandra or ClickHouse) so every replica keeps traces in the same store",
  },
  grafana: {
    key: "grafana.database",
    local: "SQLite, on one pod's volume",
    todo: "set grafana.database (type postgres or mysql, host, name, user, and the grafanaDatabasePassword secret) so every replica shares dashboards, users and sessions",
  },
} as const;

function sharedStoreProblems(config: ParsedStackConfig): ConfigProblem[] {
  return (["jaeger", "grafana"] as const).flatMap((component) => {
    const { replicas } = config[component];
    const store = SHARED_STORES[component];
    const configured = component === "jaeger" ? config.jaeger.storage : config.grafana.database;
    if (replicas === 1 || configured) return [];
    return [
      {
        key: `${CONFIG_NAMESPACE}:${component}.replicas`,
        value: replicas,
        message:
          `${replicas} is not allowed without ${store.key}: ${component} would keep its data in ${store.local}, which only one replica ` +
          `can use. Either ${store.todo}, or set ${component}.replicas to 1`,
        dependsOn: [`${CONFIG_NAMESPACE}:${store.key}`],
      },
    ];
  });
}
