import { z } from "zod";
import { describeKeys } from "./keyDocs.ts";

/*
 * How many replicas of a component the cluster target runs (issue 20, "Beyond one machine"): Alertmanager
 * as a gossip cluster, Prometheus as an HA pair, each replica with data of its own; Jaeger and Grafana as
 * identical replicas on the shared store they need then (Jaeger's storage, Grafana's database). Docker keeps
 * the single-node stack.
 */

/** The most replicas each component may have, with why more buys nothing. */
export const MAX_REPLICAS = {
  // Every peer notifies only after the ones before it had their turn (its position times the peer timeout):
  // three survive the loss of one, five of two; more only delay.
  alertmanager: 5,
  // Every replica scrapes every target again and evaluates every rule again: two are an HA pair, three the most that helps.
  prometheus: 3,
  // Each replica receives spans and serves the UI on the shared store: past ten, the store is what limits.
  jaeger: 10,
  // Each replica evaluates every Grafana-managed alert rule again and gossips its notifications: a few serve any team.
  grafana: 5,
} as const;

/** The external label naming a Prometheus replica (Prometheus Operator's name for it); stores deduplicate the pair on it. */
export const PROMETHEUS_REPLICA_LABEL = "prometheus_replica";

export type ReplicatedComponent = keyof typeof MAX_REPLICAS;

const replicaCount = (component: ReplicatedComponent) => {
  const allowed = `an integer from 1 to ${MAX_REPLICAS[component]}`;
  return z
    .number({ error: `expected a number: ${allowed}` })
    .int({ error: allowed })
    .min(1, { error: allowed })
    .max(MAX_REPLICAS[component], { error: allowed });
};

/** `prometheus.replicas`: a key of the prometheus section. */
export const prometheusReplicas = replicaCount("prometheus").default(1);

export const PROMETHEUS_REPLICAS_DOC =
  `Kubernetes only: \`2\` runs an HA pair, each replica scraping and evaluating everything on its own TSDB, its series told apart ` +
  `by the external label \`${PROMETHEUS_REPLICA_LABEL}\`; 1..${MAX_REPLICAS.prometheus}; moving between 1 and more starts Prometheus on new, empty claims (see [Replicas](#replicas))`;

/** `jaeger.replicas`: a key of the jaeger section; more than one needs `jaeger.storage` (config/replicaChecks.ts). */
export const jaegerReplicas = replicaCount("jaeger").default(1);

export const JAEGER_REPLICAS_DOC =
  "Kubernetes only: identical replicas (a Deployment) that each receive spans, derive span metrics and serve the UI; more than 1 needs " +
  `\`jaeger.storage\` (Badger is one pod's volume); 1..${MAX_REPLICAS.jaeger}`;

/** `grafana.replicas`: a key of the grafana section; more than one needs `grafana.database` (config/replicaChecks.ts). */
export const grafanaReplicas = replicaCount("grafana").default(1);

export const GRAFANA_REPLICAS_DOC =
  "Kubernetes only: identical replicas (a Deployment) behind one Service, sharing sessions through the database and gossiping " +
  `Grafana-managed alert notifications so each goes out once; more than 1 needs \`grafana.database\` (SQLite is one pod's volume); 1..${MAX_REPLICAS.grafana}`;

/** The alertmanager section: how many Alertmanagers gossip as one cluster. */
export const alertmanagerSection = z.strictObject({
  replicas: replicaCount("alertmanager").default(1),
});
describeKeys(alertmanagerSection, {
  replicas:
    `Kubernetes only: \`3\` is recommended, a gossip cluster that notifies once and survives losing one; 1..${MAX_REPLICAS.alertmanager}; ` +
    "moving between 1 and more starts Alertmanager on new, empty claims (see [Replicas](#replicas))",
});
