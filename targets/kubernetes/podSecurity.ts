import type { ComponentDescription } from "../../components/types.ts";
import type { StackConfig } from "../../config/schema.ts";
import { privilegedNamespace } from "../../config/privilegedNamespace.ts";

/** The Pod Security Standards' levels (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

/** A per-node agent shares the host's PID namespace, network or paths: only `privileged` allows any of them. */
export function needsPrivileged(d: ComponentDescription): boolean {
  return d.perNode || d.hostNetwork || d.hostMounts.length > 0;
}

/** The namespace a component runs in: its own privileged one for node agents, the stack's for the rest. */
export function componentNamespace(d: ComponentDescription, config: StackConfig): string {
  return needsPrivileged(d) ? privilegedNamespace(config.kubernetes) : config.kubernetes.namespace;
}

/**
 * Namespace labels for the Pod Security admission controller: enforce the level (against the newest rules
 * the cluster knows), and warn and audit at the same level so a violation is named, not only refused.
 */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  const prefix = "pod-security.kubernetes.io";
  return {
    [`${prefix}/enforce`]: level,
    [`${prefix}/enforce-version`]: "latest",
    [`${prefix}/audit`]: level,
    [`${prefix}/warn`]: level,
  };
}
