import type { StackConfig } from "../config/schema.ts";
import type { ComponentName } from "./names.ts";

/** What a component description is computed from. */
export interface DescribeContext {
  config: StackConfig;
  /**
   * host:port at which a peer is reached from inside the stack. By default the component's name, which
   * is its network alias on Docker and its Service name on Kubernetes; tests point it at loopback.
   */
  peer(name: ComponentName, port: number): string;
}

export function describeContext(
  config: StackConfig,
  peer: DescribeContext["peer"] = (name, port) => `${name}:${port}`,
): DescribeContext {
  return { config, peer };
}
