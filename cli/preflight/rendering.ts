import type { StackConfig } from "../../config/schema.ts";
import type { Check } from "./checks.ts";

/** The directory the cluster stack is rendered to, or undefined when it is applied to a cluster. */
export function renderDirectoryOf(config: StackConfig): string | undefined {
  return config.target === "kubernetes" ? config.kubernetes.render.directory : undefined;
}

/**
 * In place of the cluster's checks when the stack is rendered to manifests: no cluster is contacted, so
 * kubectl, a kubeconfig and the cluster's StorageClass, admission and load balancers are not looked at;
 * the cluster the manifests are applied to is the GitOps tool's (or yours) to check.
 */
export function renderingCheck(directory: string): Check {
  return {
    name: "Kubernetes",
    ok: true,
    detail:
      `rendering manifests to ${directory} (kubernetes.render.directory); no cluster is contacted, so the cluster checks ` +
      "(StorageClass, admission, load balancers) are left to where the manifests are applied",
  };
}
