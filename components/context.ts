import type { StackConfig } from "../config/schema.ts";
import type { ComponentName } from "../config/components.ts";
import type { SecretName } from "./types.ts";

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
  hostAddress?: DescribeContext["hostAddress"];
  loopback?: DescribeContext["loopback"];
  secretPath?: DescribeContext["secretPath"];
}

export function describeContext(config: StackConfig, overrides: DescribeOverrides = {}): DescribeContext {
  return {
    config,
    peer: overrides.peer ?? ((name, port) => `${name}:${port}`),
    hostAddress: overrides.hostAddress ?? ((port) => `${DOCKER_HOST_NAME}:${port}`),
    loopback: overrides.loopback ?? ((port) => `localhost:${port}`),
    secretPath: overrides.secretPath ?? ((_, mountPath) => mountPath),
  };
}
