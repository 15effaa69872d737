import * as pulumi from "@pulumi/pulumi";
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
import { omittedSecretCommands, usedSecrets } from "./renderedSecrets.ts";
import { providerRenderDirectory } from "./renderPath.ts";

/**
 * Deploys the stack description into a Kubernetes cluster: a provider for the configured kubeconfig
 * context (server-side apply), the stack's namespace at its Pod Security level and a privileged one for
 * node agents, a Secret per secret the components read, and one component each. With
 * `kubernetes.render.directory` the provider writes the objects there as manifests instead, and contacts
 * no cluster; the Secrets are left out unless `kubernetes.render.secrets` is plaintext.
 */
export function deployToKubernetes(
  stack: StackDescription,
  config: StackConfig,
  secrets: StackSecrets,
): Map<ComponentName, KubernetesComponent> {
  const { context, namespace: namespaceName, clusterIdentifier, render } = config.kubernetes;
  const provider = new k8s.Provider("kubernetes", {
    // Rendering excludes a context (the config refuses both) and a kubeconfig: the SDK would fill the
    // kubeconfig in from $KUBECONFIG, which the provider refuses beside renderYamlToDirectory.
    ...(render.directory
      ? { renderYamlToDirectory: providerRenderDirectory(render.directory), kubeconfig: "" }
      : context
        ? { context }
        : {}),
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
  // the cluster's default, which only the preflight can look for: Pulumi cannot list objects. Rendering
  // reads nothing: the cluster the manifests go to is not known here.
  const storageClass = config.kubernetes.storageClass && !render.directory
    ? k8s.storage.v1.StorageClass.get("kubernetes.storageClass", config.kubernetes.storageClass, { provider })
    : undefined;

  const secretResources: Partial<Record<SecretName, k8s.core.v1.Secret>> = {};
  // Rendered, their values would be plain text in a directory made to be committed.
  const omitted = omittedSecretCommands(stack, config.kubernetes, pulumi.getStack());
  if (omitted && Object.keys(omitted).length > 0) {
    pulumi.log.warn(
      `The Secrets ${Object.keys(omitted).join(", ")} are not in the rendered manifests (kubernetes.render.secrets: omit): the pods ` +
        `that mount them wait until they exist. Create them in the cluster the manifests go to:\n` +
        `${Object.values(omitted).map((command) => `  ${command}`).join("\n")}\n(\`pulumi stack output secretCommands\` prints these again.)`,
    );
  }
  for (const name of omitted ? [] : usedSecrets(stack)) {
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
