import { createHash } from "node:crypto";
import type { ComponentName } from "../../config/components.ts";
import type { SecretName } from "../../components/types.ts";
import { dataVolumeName } from "../dataVolumeName.ts";
import { headlessServiceName, replicaName } from "../../components/kubernetesReplicas.ts";

export { headlessServiceName };

/**
 * Kubernetes object names. Services and workloads are named after their component, so the peer addresses
 * in the descriptions (`prometheus:9090`) resolve inside the namespace exactly as Docker's aliases do.
 */
export function workloadName(component: ComponentName): string {
  return component;
}

/** The NodePort or LoadBalancer Service that publishes a component's UI and ingest ports beyond the cluster. */
export function externalServiceName(component: ComponentName): string {
  return `${component}-external`;
}

/** Data volumes are named as on Docker: the stack's prefix, the component, and the epoch after a reset. */
export function claimName(prefix: string, component: ComponentName, epoch: number): string {
  return dataVolumeName(prefix, component, epoch);
}

/**
 * A replica's own claim, as the StatefulSet makes it from its claim template (named as the single claim
 * would be: the prefix, the component, the epoch): the template's name and the replica's pod name.
 */
export function replicaClaimName(prefix: string, component: ComponentName, epoch: number, ordinal: number): string {
  return `${claimName(prefix, component, epoch)}-${replicaName(component, ordinal)}`;
}

/**
 * A ConfigMap's name carries a hash of its contents: a changed file is a new, immutable ConfigMap, and the
 * pod template that names it changes with it, so the pods roll.
 */
export function configMapName(component: ComponentName, data: Record<string, string>): string {
  const hash = createHash("sha256");
  for (const key of Object.keys(data).sort()) hash.update(`${key}\0${data[key]}\0`);
  return `${component}-config-${hash.digest("hex").slice(0, 10)}`;
}

export function secretName(secret: SecretName): string {
  return secret;
}

/** Cluster-scoped objects carry the namespace, so two stacks in one cluster do not collide. */
export function clusterScopedName(namespace: string, component: ComponentName): string {
  return `${namespace}-${component}`;
}
