import type { ReplicaFact } from "../types.ts";
import { PROMETHEUS_REPLICA_LABEL as REPLICA_LABEL } from "../../config/replicas.ts";

/*
 * Prometheus replicas (an HA pair on the cluster target): each has its own TSDB and the same config, and
 * an external label with its pod's name tells their series apart wherever they meet (remote storage,
 * federation, Thanos or Mimir deduplicating the pair). Alerts go without it, so the Alertmanagers see the
 * pair's two copies of an alert as one.
 */


/** The variable the target sets to the replica's name; Prometheus expands ${...} in external_labels (always, since 3.0). */
const OWN_NAME = "POD_NAME";

/** The replica label among the external labels, for more than one replica. */
export function replicaExternalLabels(replicas: number): Record<string, string> {
  return replicas === 1 ? {} : { [REPLICA_LABEL]: `\${${OWN_NAME}}` };
}

/** Alert relabelling that takes the replica label off again, for more than one replica. */
export function replicaAlertRelabeling(replicas: number): { action: "labeldrop"; regex: string }[] {
  return replicas === 1 ? [] : [{ action: "labeldrop", regex: REPLICA_LABEL }];
}

/** What the target sets for the label: the replica's name. */
export function replicaLabelEnv(replicas: number): Record<string, ReplicaFact> {
  return replicas === 1 ? {} : { [OWN_NAME]: "name" };
}
