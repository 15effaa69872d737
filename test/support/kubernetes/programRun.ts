import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import type { ProgramRun, RegisteredResource } from "../pulumi/program.ts";
import { manifestOf, type Manifest } from "./apiSchema.ts";

export const K8S = {
  namespace: "kubernetes:core/v1:Namespace",
  configMap: "kubernetes:core/v1:ConfigMap",
  secret: "kubernetes:core/v1:Secret",
  claim: "kubernetes:core/v1:PersistentVolumeClaim",
  service: "kubernetes:core/v1:Service",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  deployment: "kubernetes:apps/v1:Deployment",
  daemonSet: "kubernetes:apps/v1:DaemonSet",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  podDisruptionBudget: "kubernetes:policy/v1:PodDisruptionBudget",
  ingress: "kubernetes:networking.k8s.io/v1:Ingress",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
  clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
  provider: "pulumi:providers:kubernetes",
} as const;

/** The `config:` map of a committed stack file, as `runProgram` takes it. */
export function stackFileConfig(stack: string): Record<string, unknown> {
  const text = readFileSync(new URL(`../../../stacks/Pulumi.${stack}.yaml`, import.meta.url), "utf8");
  return (load(text) as { config: Record<string, unknown> }).config;
}

/** Every Kubernetes object the program registered (not the provider, not component resources). */
export function kubernetesObjects(run: ProgramRun): RegisteredResource[] {
  return run.resources.filter((resource) => resource.type.startsWith("kubernetes:"));
}

export function manifests(run: ProgramRun): Manifest[] {
  return kubernetesObjects(run).map((resource) => manifestOf(resource.inputs));
}

/** The workload (Deployment, DaemonSet, or StatefulSet for replicas) that runs a component. */
export function workload(run: ProgramRun, component: string): RegisteredResource {
  const kinds: string[] = [K8S.deployment, K8S.daemonSet, K8S.statefulSet];
  const found = run.resources.find((r) => kinds.includes(r.type) && r.name === component);
  if (!found) throw new Error(`no workload for ${component}`);
  return found;
}

export function podSpec(run: ProgramRun, component: string): any {
  return workload(run, component).inputs.spec.template.spec;
}

export function container(run: ProgramRun, component: string): any {
  return podSpec(run, component).containers[0];
}

/**
 * The files a component's container sees from ConfigMaps, keyed by path in the container: each mount
 * followed to its volume, the ConfigMap that volume names, and the key the mount selects.
 */
export function configFilesInPod(run: ProgramRun, component: string): Map<string, string> {
  const spec = podSpec(run, component);
  const files = new Map<string, string>();
  for (const mount of spec.containers[0].volumeMounts ?? []) {
    const volume = spec.volumes.find((v: any) => v.name === mount.name);
    if (!volume?.configMap) continue;
    const configMap = run.ofType(K8S.configMap).find((c) => c.inputs.metadata.name === volume.configMap.name);
    if (!configMap) throw new Error(`${component} mounts ConfigMap ${volume.configMap.name}, which the program does not create`);
    files.set(mount.mountPath, configMap.inputs.data[mount.subPath]);
  }
  return files;
}

/** The claim mounted at a path in a component's container, if any. */
export function claimMountedAt(run: ProgramRun, component: string, path: string): string | undefined {
  const spec = podSpec(run, component);
  const mount = spec.containers[0].volumeMounts.find((m: any) => m.mountPath === path);
  return spec.volumes.find((v: any) => v.name === mount?.name)?.persistentVolumeClaim?.claimName;
}
