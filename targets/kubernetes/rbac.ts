import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { ComponentDescription } from "../../components/types.ts";
import { clusterScopedName, workloadName } from "./naming.ts";

/** What kubernetes_sd reads, and nothing more: read-only, never secrets. */
export const DISCOVERY_RULES = [{ apiGroups: [""], resources: ["pods", "services", "endpoints", "nodes"], verbs: ["get", "list", "watch"] }];

/**
 * A component that discovers scrape targets gets its own ServiceAccount, bound to a ClusterRole that can
 * read pods, services, endpoints and nodes in every namespace. Returns all three: the pod must wait for the
 * binding too, or discovery starts with "forbidden" errors.
 */
export function discoveryAccess(
  d: ComponentDescription,
  namespace: { name: pulumi.Input<string>; plainName: string },
  labels: Record<string, string>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Resource[] {
  const name = workloadName(d.name);
  // Fixed names: a replacement (a new provider replaces every object) must delete the old one first.
  opts = { ...opts, deleteBeforeReplace: true };
  const account = new k8s.core.v1.ServiceAccount(`${d.name}-sa`, { metadata: { name, namespace: namespace.name, labels } }, opts);
  const role = new k8s.rbac.v1.ClusterRole(
    `${d.name}-discovery`,
    { metadata: { name: clusterScopedName(namespace.plainName, d.name), labels }, rules: DISCOVERY_RULES },
    opts,
  );
  const binding = new k8s.rbac.v1.ClusterRoleBinding(
    `${d.name}-discovery`,
    {
      metadata: { name: clusterScopedName(namespace.plainName, d.name), labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role.metadata.name },
      subjects: [{ kind: "ServiceAccount", name: account.metadata.name, namespace: namespace.name }],
    },
    opts,
  );
  return [account, role, binding];
}
