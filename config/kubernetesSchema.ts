import { z } from "zod";
import { formatted } from "./fields.ts";
import { COMPONENT_NAMES, DATA_COMPONENT_NAMES, UI_COMPONENT_NAMES } from "./components.ts";
import { perComponent } from "./perComponent.ts";
import { describeKeys } from "./keyDocs.ts";
import { clusterIdentifier, dns1123Label, dns1123Subdomain, ingressHost, kubeContext, kubernetesQuantity, renderDirectory } from "./kubernetesFormats.ts";

const quantity = formatted(kubernetesQuantity);

/** Overrides of a component's resource requests and limits; unset ones keep the component's defaults. */
const resources = z
  .strictObject({
    cpuRequest: quantity.optional(),
    cpuLimit: quantity.optional(),
    memoryRequest: quantity.optional(),
    memoryLimit: quantity.optional(),
  })
  .optional();

const storageClass = z
  .string({ error: `expected a string: ${dns1123Subdomain.allowed}` })
  .refine((v) => v !== "", {
    error:
      "an empty storage class would bind only to pre-provisioned volumes; remove the key to use the cluster's default StorageClass, " +
      "or, on a cluster without a default (`kubectl get storageclass` shows none marked (default)), name one of its classes",
    abort: true,
  })
  .refine(dns1123Subdomain.test, { error: dns1123Subdomain.allowed });

/** The `cluster` stack: where and how the stack runs on Kubernetes (target: kubernetes). */
export const kubernetesSection = z
  .strictObject({
    context: formatted(kubeContext).optional(),
    clusterIdentifier: formatted(clusterIdentifier).default("default"),
    namespace: formatted(dns1123Label).default("llmobs"),
    /**
     * The Pod Security level the stack's namespace enforces. Every component but node-exporter meets
     * `restricted`; node-exporter (host PID, network and paths) runs in its own `privileged` namespace.
     */
    podSecurity: z
      .enum(["restricted", "baseline", "privileged"], { error: "restricted, baseline or privileged" })
      .default("restricted"),
    nodeExporterNamespace: formatted(dns1123Label).optional(),
    storageClass: storageClass.optional(),
    storage: perComponent(DATA_COMPONENT_NAMES, quantity.optional()).prefault({}),
    resources: perComponent(COMPONENT_NAMES, resources).prefault({}),
    serviceType: z
      .enum(["ClusterIP", "NodePort", "LoadBalancer"], { error: "ClusterIP, NodePort or LoadBalancer" })
      .default("ClusterIP"),
    /** One Ingress per UI that has a host name here. */
    ingress: z
      .strictObject({
        className: formatted(dns1123Subdomain).optional(),
        tlsSecretName: formatted(dns1123Subdomain).optional(),
        hosts: perComponent(UI_COMPONENT_NAMES, formatted(ingressHost).optional()).prefault({}),
      })
      .prefault({}),
    networkPolicy: z.boolean({ error: "true or false" }).default(false),
    /**
     * Render the stack to plain manifests (for Argo CD, Flux, or review) with the Kubernetes provider's
     * renderYamlToDirectory, instead of applying it to a cluster: no cluster is contacted.
     */
    render: z
      .strictObject({
        /** The directory the manifests are written to (its 1-manifest/ and 0-crd/), relative to the project root; unset = apply to the cluster. */
        directory: formatted(renderDirectory).optional(),
        /**
         * The stack's Secrets (the Grafana admin password, the Alertmanager webhook URL): `omit` leaves them
         * out of the manifests, for you to create in the cluster (the pods wait for them); `plaintext`
         * writes them with their values in plain text.
         */
        secrets: z.enum(["omit", "plaintext"], { error: "omit or plaintext" }).default("omit"),
      })
      .prefault({}),
  })
  .prefault({});

describeKeys(kubernetesSection.unwrap(), {
  context: { doc: "a kubeconfig context to deploy through", unset: "the current context" },
  clusterIdentifier:
    "letters, digits and `. _ : @ / -`: the provider, and with it every object, is replaced only when this changes; change it only to move the stack to another cluster (see [Contexts and clusters](#contexts-and-clusters))",
  namespace: "DNS-1123 label; created by the stack",
  podSecurity: "the Pod Security level the namespace enforces (see [Pod Security](#pod-security))",
  nodeExporterNamespace: {
    doc: "DNS-1123 label, not `kubernetes.namespace`; created by the stack, labelled `privileged`",
    unset: "`<namespace>-node-exporter`",
  },
  storageClass: {
    doc: "a StorageClass the cluster has (the program reads it before creating anything); never empty (see [Storage](#storage))",
    unset: "the cluster's default",
  },
  storage: {
    doc: "size of the component's data volume: a Kubernetes quantity (`512Mi`, `10Gi`); Prometheus' must exceed `prometheus.retentionSize`",
    unset: "the component's own",
  },
  resources: {
    doc: "requests and limits: Kubernetes quantities; a limit may not be below its request",
    unset: "see [Requests and limits](#requests-and-limits)",
  },
  serviceType: "the latter two add a `<component>-external` Service with the UI and ingest ports",
  networkPolicy: "`true` adds a NetworkPolicy per component",
});
describeKeys(kubernetesSection.unwrap().shape.ingress.unwrap(), {
  className: { doc: "an IngressClass name", unset: "the cluster's default" },
  tlsSecretName: { doc: "a TLS Secret in the namespace covering the hosts", unset: "none (plain HTTP)" },
  hosts: { doc: "host name; one Ingress per UI given one", unset: "none" },
});

describeKeys(kubernetesSection.unwrap().shape.render.unwrap(), {
  directory: {
    doc:
      "a directory, relative to the project root or absolute (not the root itself, nor inside `stacks/`, `.pulumi-state/`, `node_modules/`, `.git/`): " +
      "render the stack to manifests there instead (see [Render the cluster stack to manifests](#render-the-cluster-stack-to-manifests-gitops)); not with `kubernetes.context`",
    unset: "none (apply to the cluster)",
  },
  secrets: "`omit`: the Secrets are left out of the manifests, for you to create; `plaintext`: written with their values in plain text (warned about)",
});

export type KubernetesConfig = z.infer<typeof kubernetesSection>;
