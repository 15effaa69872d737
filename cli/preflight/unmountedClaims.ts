import type { StackConfig } from "../../config/schema.ts";
import { CONFIG_NAMESPACE } from "../../config/schema.ts";
import { isComponentName, type ComponentName } from "../../config/components.ts";
import { describeStack } from "../../components/stack.ts";
import { claimName, replicaClaimName } from "../../targets/kubernetes/naming.ts";
import { ordinals } from "../../components/kubernetesReplicas.ts";
import type { Check } from "./checks.ts";

/** One of the stack's own claims, as the cluster lists it. */
export interface OwnClaim {
  name: string;
  component: string;
  epoch: number;
}

/** The claims a component's pods mount: its one claim, or each replica's own. */
export function mountedClaims(prefix: string, component: ComponentName, epoch: number, replicas: number): string[] {
  return replicas === 1 ? [claimName(prefix, component, epoch)] : ordinals(replicas).map((ordinal) => replicaClaimName(prefix, component, epoch, ordinal));
}

/** How many replicas mount a claim of this epoch: 1 for the one instance's claim, the ordinal's count for a replica's; undefined for no claim of ours. */
function replicasMounting(prefix: string, claim: OwnClaim & { component: ComponentName }): number | undefined {
  const stem = claimName(prefix, claim.component, claim.epoch);
  if (claim.name === stem) return 1;
  const ordinal = new RegExp(`^${stem}-${claim.component}-(\\d+)$`).exec(claim.name)?.[1];
  return ordinal === undefined ? undefined : Math.max(2, Number(ordinal) + 1);
}

/**
 * The stack's own claims (its namespace and namePrefix) that its config no longer mounts: a component moved
 * between one instance and replicas, or to fewer replicas, or a reset that stopped before it deleted the
 * old epoch's claims. The next `up` does not use their data; where the claims it mounts are not in the
 * cluster yet, it starts on new, empty ones. Said before `up`, with what brings the data back and what
 * deletes it.
 */
export function unmountedClaims(config: StackConfig, stackName: string, claims: OwnClaim[], deleteCommand: (names: string[]) => string): Check[] {
  const existing = new Set(claims.map((claim) => claim.name));
  const checks: Check[] = [];
  for (const d of describeStack(config).components) {
    if (!d.data) continue;
    const mounted = mountedClaims(config.namePrefix, d.name, d.data.epoch, d.replicas);
    const unmounted = claims.filter((claim) => claim.component === d.name && !mounted.includes(claim.name)).sort((a, b) => a.name.localeCompare(b.name));
    if (unmounted.length === 0) continue;
    const names = unmounted.map((claim) => claim.name);
    const key = `${CONFIG_NAMESPACE}:${d.name}.replicas`;
    // What mounts the current epoch's claims again: one instance for its claim, as many replicas as the highest one's.
    const counts = unmounted.filter((claim) => claim.epoch === d.data!.epoch).flatMap((claim) => replicasMounting(config.namePrefix, { ...claim, component: d.name }) ?? []);
    const replicaCounts = counts.filter((count) => count > 1);
    const reuse = [...(counts.includes(1) ? [1] : []), ...(replicaCounts.length > 0 ? [Math.max(...replicaCounts)] : [])];
    const older = unmounted.filter((claim) => claim.epoch !== d.data!.epoch).map((claim) => claim.name);
    const fresh = mounted.filter((name) => !existing.has(name));
    const layout = d.replicas === 1 ? "one instance" : `${d.replicas} replicas (${key.slice(CONFIG_NAMESPACE.length + 1)})`;
    checks.push({
      name: `${d.name} data this stack does not mount`,
      ok: false,
      warning: true,
      detail:
        `${names.length} PersistentVolumeClaim${names.length === 1 ? "" : "s"} of this stack that ${d.name} as ${layout} does not mount (${names.join(", ")})` +
        (older.length > 0 ? `; ${older.join(", ")} ${older.length === 1 ? "is" : "are"} of an earlier data epoch (a reset that stopped part-way)` : "") +
        (fresh.length > 0 ? `; the next \`up\` starts ${d.name} on new, empty claims (${fresh.join(", ")}): the data above is not carried over` : ""),
      fix:
        (reuse.length > 0
          ? `To use that data again: ${reuse.map((count) => `\`pulumi config set --path ${key} ${count} --stack ${stackName}\``).join(" or ")}. `
          : "") + `To delete it: \`${deleteCommand(names)}\`.`,
    });
  }
  return checks;
}

/** The stack's own claims among the listed ones, with the component and epoch their labels name. */
export function ownClaims(
  items: { name: string; namespace: string; prefix: string; component?: string; epoch?: string }[],
  config: StackConfig,
): OwnClaim[] {
  return items
    .filter((claim) => claim.namespace === config.kubernetes.namespace && claim.prefix === config.namePrefix)
    .filter((claim) => claim.component !== undefined && isComponentName(claim.component))
    .map((claim) => ({ name: claim.name, component: claim.component!, epoch: Number(claim.epoch ?? 0) || 0 }));
}
