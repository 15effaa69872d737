import type { StackConfig } from "../config/schema.ts";
import type { ComponentName } from "../config/components.ts";
import type { SecretName } from "./types.ts";
import { ordinals, replicaHost, replicasHost } from "./kubernetesReplicas.ts";

/** The Docker host's name inside containers that map it to the host gateway (`host-gateway`). */
export const DOCKER_HOST_NAME = "host.docker.internal";

/** What a component description is computed from. */
export interface DescribeContext {
  config: StackConfig;
  /**
   * host:port at which a peer is reached from inside the stack. By default the component's name, which
   * is its network alias on Docker and its Service name on Kubernetes; tests point it at loopback.
   */
  peer(name: ComponentName, port: number): string;
  /**
   * host:port at which one replica of a replicated component is reached (only the cluster target runs
   * more than one): its pod's own DNS name; tests point it at loopback.
   */
  replicaPeer(name: ComponentName, ordinal: number, port: number): string;
  /**
   * host:port whose name resolves to every replica of a replicated component (cluster target only): its
   * headless Service's DNS name, for peers that find each other by it; tests point it at loopback.
   */
  everyReplicaPeer(name: ComponentName, port: number): string;
  /**
   * host:port at which the stack's containers reach a component on the Docker host's own network
   * (node-exporter with hostNetwork): host.docker.internal, the host's address on Docker's bridge; tests
   * point it at loopback.
   */
  hostAddress(port: number): string;
  /** host:port at which a component reaches itself: no Service, no network hop; tests point it at loopback. */
  loopback(port: number): string;
  /** Where a secret file is read from, as written into a config file; tests point it at a local file. */
  secretPath(secret: SecretName, mountPath: string): string;
}

export interface DescribeOverrides {
  peer?: DescribeContext["peer"];
  replicaPeer?: DescribeContext["replicaPeer"];
  everyReplicaPeer?: DescribeContext["everyReplicaPeer"];
  hostAddress?: DescribeContext["hostAddress"];
  loopback?: DescribeContext["loopback"];
  secretPath?: DescribeContext["secretPath"];
}

export function describeContext(config: StackConfig, overrides: DescribeOverrides = {}): DescribeContext {
  return {
    config,
    peer: overrides.peer ?? ((name, port) => `${name}:${port}`),
    replicaPeer: overrides.replicaPeer ?? ((name, ordinal, port) => `${replicaHost(config.kubernetes.namespace, name, ordinal)}:${port}`),
    everyReplicaPeer: overrides.everyReplicaPeer ?? ((name, port) => `${replicasHost(config.kubernetes.namespace, name)}:${port}`),
    hostAddress: overrides.hostAddress ?? ((port) => `${DOCKER_HOST_NAME}:${port}`),
    loopback: overrides.loopback ?? ((port) => `localhost:${port}`),
    secretPath: overrides.secretPath ?? ((_, mountPath) => mountPath),
  };
}

/**
 * host:port of every replica of a component, for a client that must reach each one (Prometheus sending
 * alerts to every Alertmanager, scraping each): one replica is reached at its peer address, as always.
 */
export function everyReplica(ctx: DescribeContext, name: ComponentName, replicas: number, port: number): string[] {
  return replicas === 1 ? [ctx.peer(name, port)] : ordinals(replicas).map((ordinal) => ctx.replicaPeer(name, ordinal, port));
}
