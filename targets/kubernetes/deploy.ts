import * as k8s from "@pulumi/kubernetes";
import type { StackConfig } from "../../config/schema.ts";
import type { SecretName, StackDescription } from "../../components/types.ts";
import type { ComponentName } from "../../config/components.ts";
import { KubernetesComponent } from "./component.ts";
import { deployEach } from "../deployEach.ts";
import { LABELS } from "../../components/kubernetesLabels.ts";
import { secretName } from "./naming.ts";
import { SECRET_KEY } from "./podTemplate.ts";
import { requireSecret, type StackSecrets } from "../secrets.ts";
import { retainedObjectAnnotations } from "./retained.ts";
import { needsPrivileged, podSecurityLabels } from "./podSecurity.ts";
import { privilegedNamespace } from "../../config/privilegedNamespace.ts";

/**
 * Deploys the stack description into a Kubernetes cluster: a provider for the configured kubeconfig
 * context (server-side apply), the stack's namespace at its Pod Security level and a privileged one for
 * node agents, a Secret per secret the components read, and one component each.
 */
export function deployToKubernetes(
  stack: StackDescription,
  config: StackConfig,
  secrets: StackSecrets,
): Map<ComponentName, KubernetesComponent> {
  const { context, namespace: namespaceName, clusterIdentifier } = config.kubernetes;
  const provider = new k8s.Provider("kubernetes", {
    ...(context ? { context } : {}),
    // Without it, a context that names the cluster differently replaces the provider, and with it every object.
    clusterIdentifier,
    enableServerSideApply: true,
    // The namespace and data volumes outlive `pulumi destroy`; the next `up` takes them over again instead
    // of failing on "already exists". Every object here has a fixed name, so nothing is adopted by accident.
    upsertExistingObjects: true,
  });
  const stackLabels = { [LABELS.instance]: stack.namePrefix, [LABELS.partOf]: "llmobs", [LABELS.managedBy]: "pulumi" };
  const namespace = new k8s.core.v1.Namespace(
    "namespace",
    {
      metadata: {
        name: namespaceName,
        labels: { ...stackLabels, ...podSecurityLabels(config.kubernetes.podSecurity) },
        annotations: retainedObjectAnnotations(),
      },
    },
    // Deleting a namespace deletes every claim in it: it is kept, as the data volumes are.
    { provider, retainOnDelete: true },
  );
  // Node agents (node-exporter) need the host: they get a namespace of their own that allows it, so the
  // stack's namespace keeps its stricter level. It holds no data, so `pulumi destroy` removes it.
  const privileged = stack.components.some(needsPrivileged)
    ? new k8s.core.v1.Namespace(
        "privileged-namespace",
        { metadata: { name: privilegedNamespace(config.kubernetes), labels: { ...stackLabels, ...podSecurityLabels("privileged") } } },
        { provider, deleteBeforeReplace: true },
      )
    : undefined;

  // A class that does not exist leaves the claims Pending and the pods unstarted, with `up` waiting on them:
  // it is read first (in the preview too), so `up` stops before changing anything. An unset class means
  // the cluster's default, which only the preflight can look for: Pulumi cannot list objects.
  const storageClass = config.kubernetes.storageClass
    ? k8s.storage.v1.StorageClass.get("kubernetes.storageClass", config.kubernetes.storageClass, { provider })
    : undefined;

  const used = new Set(stack.components.flatMap((component) => component.secretFiles.map((file) => file.secret)));
  const secretResources = {} as Record<SecretName, k8s.core.v1.Secret>;
  for (const name of used) {
    secretResources[name] = new k8s.core.v1.Secret(
      name,
      {
        metadata: { name: secretName(name), namespace: namespace.metadata.name, labels: stackLabels },
        type: "Opaque",
        stringData: { [SECRET_KEY]: requireSecret(secrets, name) },
      },
      { provider, deleteBeforeReplace: true },
    );
  }

  return deployEach(
    stack,
    (description) =>
      new KubernetesComponent(description.name, {
        description,
        stack,
        config,
        namespace: needsPrivileged(description) ? privileged! : namespace,
        provider,
        secrets: secretResources,
        ...(storageClass ? { storageClass } : {}),
      }),
  );
}
