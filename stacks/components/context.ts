import type { StackConfig } from "../config/schema.ts";
import type { ComponentName } from "./names.ts";
import type { SecretName } from "./types.ts";

/** What a component description is computed from. */
export interface DescribeContext {
  config: StackConfig;
  /**
   * host:port at which a peer is reached from inside the stack. By default the component's name, which
   * is its network alias on Docker and its Service name on Kubernetes; tests point it at loopback.
   */
  peer(name: ComponentName, port: number): string;
  /** Where a secret file is read from, as written into a config file; tests point it at a local file. */
  secretPath(secret: SecretName, mountPath: string): string;
}

export interface DescribeOverrides {
  peer?: DescribeContext["peer"];
  secretPath?: DescribeContext["secretPath"];
}

export function describeContext(config: StackConfig, overrides: DescribeOverrides = {}): DescribeContext {
  return {
    config,
    peer: overrides.peer ?? ((name, port) => `${name}:${port}`),
    secretPath: overrides.secretPath ?? ((_, mountPath) => mountPath),
  };
}
