import type { DescribeContext } from "../context.ts";
import { gossipPorts, type PeerPort, type ReplicaFact } from "../types.ts";
import { ordinals } from "../kubernetesReplicas.ts";

/** Alertmanager's gossip port: the replicas share silences and which notifications went out (TCP and UDP). */
export const ALERTMANAGER_CLUSTER_PORT = 9094;

/** The variable the target sets to the replica's own address: the address it tells its peers. */
const OWN_ADDRESS = "POD_IP";

/** What makes Alertmanager's replicas one cluster: where it gossips, and with whom. */
export interface AlertmanagerCluster {
  args: string[];
  peerPorts: PeerPort[];
  replicaEnv: Record<string, ReplicaFact>;
}

/**
 * One instance joins no cluster (an empty listen address turns gossip off). Replicas gossip on 9094 with
 * every replica, themselves included, by each pod's own DNS name; each tells its peers its pod's address,
 * in brackets so an IPv6 address stays apart from the port (Alertmanager would otherwise pick a private
 * address of its interfaces, and refuse to start where pod addresses are not private ones).
 */
export function alertmanagerCluster(ctx: DescribeContext, replicas: number): AlertmanagerCluster {
  if (replicas === 1) return { args: ["--cluster.listen-address="], peerPorts: [], replicaEnv: {} };
  return {
    args: [
      `--cluster.listen-address=0.0.0.0:${ALERTMANAGER_CLUSTER_PORT}`,
      `--cluster.advertise-address=[$(${OWN_ADDRESS})]:${ALERTMANAGER_CLUSTER_PORT}`,
      ...ordinals(replicas).map((ordinal) => `--cluster.peer=${ctx.replicaPeer("alertmanager", ordinal, ALERTMANAGER_CLUSTER_PORT)}`),
    ],
    peerPorts: gossipPorts(ALERTMANAGER_CLUSTER_PORT),
    replicaEnv: { [OWN_ADDRESS]: "ip" },
  };
}
