import type { DescribeContext } from "../context.ts";
import { gossipPorts, type PeerPort, type ReplicaFact } from "../types.ts";

/** The port Grafana's alerting gossips on between replicas (its default, TCP and UDP). */
export const GRAFANA_ALERTING_CLUSTER_PORT = 9094;

/** The variable the target sets to the replica's own address, which it tells its peers. */
const OWN_ADDRESS = "POD_IP";

/** What makes Grafana's replicas one alerting cluster. */
export interface GrafanaAlertingCluster {
  env: Record<string, string>;
  peerPorts: PeerPort[];
  replicaEnv: Record<string, ReplicaFact>;
}

/**
 * Grafana's unified alerting stays on (its default; the stack provisions no Grafana-managed rules, but a
 * user may add some). Each replica evaluates every such rule, so replicas gossip as Alertmanager's do
 * (Grafana embeds its cluster code): a notification goes out once, and silences are shared. The peers are
 * found by the headless Service's name, which resolves to every replica's address; each tells the others
 * its pod's address, in brackets so an IPv6 address stays apart from the port. Grafana expands $__env{}
 * in every setting, the GF_ variables included. One instance gets none of this.
 */
export function grafanaAlertingCluster(ctx: DescribeContext, replicas: number): GrafanaAlertingCluster {
  if (replicas === 1) return { env: {}, peerPorts: [], replicaEnv: {} };
  return {
    env: {
      GF_UNIFIED_ALERTING_HA_PEERS: ctx.everyReplicaPeer("grafana", GRAFANA_ALERTING_CLUSTER_PORT),
      GF_UNIFIED_ALERTING_HA_LISTEN_ADDRESS: `0.0.0.0:${GRAFANA_ALERTING_CLUSTER_PORT}`,
      GF_UNIFIED_ALERTING_HA_ADVERTISE_ADDRESS: `[$__env{${OWN_ADDRESS}}]:${GRAFANA_ALERTING_CLUSTER_PORT}`,
    },
    peerPorts: gossipPorts(GRAFANA_ALERTING_CLUSTER_PORT),
    replicaEnv: { [OWN_ADDRESS]: "ip" },
  };
}
