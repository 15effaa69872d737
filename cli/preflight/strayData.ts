import { readdirSync } from "node:fs";
import type { StackConfig } from "../../config/schema.ts";
import { CONFIG_NAMESPACE } from "../../config/schema.ts";
import { readStackFileWithUnsetSecrets, STACKS_DIR } from "../../config/fromStackFile.ts";
import { LABELS as DOCKER_LABELS } from "../../targets/docker/naming.ts";
import { LABELS as KUBERNETES_LABELS } from "../../components/kubernetesLabels.ts";
import type { Check } from "./checks.ts";
import type { Exec } from "./exec.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import { ownClaims, unmountedClaims } from "./unmountedClaims.ts";

/** Where each stack file of this project keeps its data: Docker name prefixes, and Kubernetes namespace/prefix pairs. */
export interface DataOwners {
  dockerPrefixes: Set<string>;
  claims: Set<string>;
}

const claimOwner = (namespace: string, prefix: string) => `${namespace}/${prefix}`;

/** The data places of every stack file that reads cleanly (the current stack's included). */
export function dataOwners(stacksDir = STACKS_DIR): DataOwners {
  const owners: DataOwners = { dockerPrefixes: new Set(), claims: new Set() };
  for (const file of readdirSync(stacksDir)) {
    const stack = /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1];
    if (!stack) continue;
    let config: StackConfig;
    try {
      // Whose data is whose does not depend on secrets: an example stack whose secrets are not set yet still owns its places.
      config = readStackFileWithUnsetSecrets(stack, STACK_FACTS, stacksDir).config;
    } catch {
      continue;
    }
    if (config.target === "docker") owners.dockerPrefixes.add(config.namePrefix);
    else owners.claims.add(claimOwner(config.kubernetes.namespace, config.namePrefix));
  }
  return owners;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Docker volumes of this project (by label) under a name prefix no Docker stack here uses: what a changed
 * namePrefix, or a stack moved to Kubernetes, left behind. Nothing when Docker cannot be asked.
 */
export async function strayDockerVolumes(exec: Exec, config: StackConfig, stackName: string, owners: DataOwners): Promise<Check[]> {
  const format = `{{.Name}}\t{{.Label "${DOCKER_LABELS.stack}"}}`;
  const result = await exec("docker", ["volume", "ls", "--filter", `label=${DOCKER_LABELS.stack}`, "--format", format]);
  if (result.missing || result.exitCode !== 0) return [];
  const volumes = result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split("\t") as [string, string])
    .filter(([, prefix]) => !owners.dockerPrefixes.has(prefix) && !(config.target === "docker" && prefix === config.namePrefix));
  return [...groupBy(volumes, ([, prefix]) => prefix)].map(([prefix, group]) => {
    const names = group.map(([name]) => name).sort();
    const reuse = [
      ...(config.target !== "docker" ? [`pulumi config set ${CONFIG_NAMESPACE}:target docker --stack ${stackName}`] : []),
      ...(config.namePrefix !== prefix ? [`pulumi config set ${CONFIG_NAMESPACE}:namePrefix ${prefix} --stack ${stackName}`] : []),
    ];
    return {
      name: `data under namePrefix "${prefix}"`,
      ok: false,
      warning: true,
      detail:
        `${names.length} Docker volume${names.length === 1 ? "" : "s"} of this project that no stack here uses (${names.join(", ")}); ` +
        `this stack ${config.target === "docker" ? `uses namePrefix "${config.namePrefix}"` : "runs on Kubernetes"} and starts on its own volumes, empty at first`,
      fix: `To use that data again: \`${reuse.join("` and `")}\`. To delete it: \`docker volume rm ${names.join(" ")}\`.`,
    };
  });
}

interface ClaimList {
  items?: { metadata: { name: string; namespace: string; labels?: Record<string, string> } }[];
}

/**
 * The project's PersistentVolumeClaims (by label) in any namespace, under a namespace and prefix no
 * Kubernetes stack here uses: what a changed kubernetes.namespace or namePrefix left behind; and this
 * stack's own claims that its config does not mount (unmountedClaims.ts). Nothing when the cluster will
 * not list claims across namespaces.
 */
export async function strayClaims(exec: Exec, config: StackConfig, stackName: string, owners: DataOwners): Promise<Check[]> {
  const { context, namespace } = config.kubernetes;
  const kubectl = (...args: string[]) => `kubectl ${[...(context ? ["--context", context] : []), ...args].join(" ")}`;
  const result = await exec("kubectl", [
    ...(context ? ["--context", context] : []),
    "get",
    "persistentvolumeclaims",
    "--all-namespaces",
    "--selector",
    `${KUBERNETES_LABELS.partOf}=llmobs`,
    "--output=json",
  ]);
  if (result.missing || result.exitCode !== 0) return [];
  let list: ClaimList;
  try {
    list = JSON.parse(result.stdout) as ClaimList;
  } catch {
    return [];
  }
  const listed = (list.items ?? []).map(({ metadata }) => ({
    name: metadata.name,
    namespace: metadata.namespace,
    prefix: metadata.labels?.[KUBERNETES_LABELS.instance] ?? "",
    component: metadata.labels?.[KUBERNETES_LABELS.name],
    epoch: metadata.labels?.[KUBERNETES_LABELS.dataEpoch],
  }));
  const claims = listed
    .filter((claim) => !owners.claims.has(claimOwner(claim.namespace, claim.prefix)))
    .filter((claim) => !(claim.namespace === namespace && claim.prefix === config.namePrefix));
  const unmounted = unmountedClaims(config, stackName, ownClaims(listed, config), (names) => kubectl("--namespace", namespace, "delete", "pvc", ...names));
  const stray = [...groupBy(claims, (c) => claimOwner(c.namespace, c.prefix))].map(([, group]) => {
    const { namespace: where, prefix } = group[0]!;
    const names = group.map((c) => c.name).sort();
    const reuse = [
      ...(where !== namespace ? [`pulumi config set --path ${CONFIG_NAMESPACE}:kubernetes.namespace ${where} --stack ${stackName}`] : []),
      ...(prefix !== config.namePrefix ? [`pulumi config set ${CONFIG_NAMESPACE}:namePrefix ${prefix} --stack ${stackName}`] : []),
    ];
    return {
      name: `data in namespace ${where}`,
      ok: false,
      warning: true,
      detail:
        `${names.length} PersistentVolumeClaim${names.length === 1 ? "" : "s"} of this project (namePrefix "${prefix}") that no stack here uses (${names.join(", ")}); ` +
        `this stack uses namespace ${namespace} and namePrefix "${config.namePrefix}" and starts on its own claims, empty at first`,
      fix: `To use that data again: \`${reuse.join("` and `")}\`. To delete it: \`${kubectl("--namespace", where, "delete", "pvc", ...names)}\`.`,
    };
  });
  return [...unmounted, ...stray];
}
