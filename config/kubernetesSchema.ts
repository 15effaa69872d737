import { z } from "zod";
import { formatted } from "./fields.ts";
import { COMPONENT_NAMES, DATA_COMPONENT_NAMES, UI_COMPONENT_NAMES } from "./components.ts";
import { perComponent } from "./perComponent.ts";
import { clusterIdentifier, dns1123Label, dns1123Subdomain, ingressHost, kubeContext, kubernetesQuantity } from "./kubernetesFormats.ts";

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
    /** kubeconfig context to deploy to; unset = the current context. */
    context: formatted(kubeContext).optional(),
    /**
     * Which cluster the stack lives in, for Pulumi: the provider, and with it every object, is replaced only
     * when this changes, so renaming or switching the context to the same cluster replaces nothing.
     */
    clusterIdentifier: formatted(clusterIdentifier).default("default"),
    /** The namespace the stack creates and runs in. */
    namespace: formatted(dns1123Label).default("llmobs"),
    /**
     * The Pod Security level the stack's namespace enforces. Every component but node-exporter meets
     * `restricted`; node-exporter (host PID, network and paths) runs in its own `privileged` namespace.
     */
    podSecurity: z
      .enum(["restricted", "baseline", "privileged"], { error: "restricted, baseline or privileged" })
      .default("restricted"),
    /** node-exporter's namespace, labelled privileged; unset = `<namespace>-node-exporter`. */
    nodeExporterNamespace: formatted(dns1123Label).optional(),
    /** StorageClass of the data volumes; unset = the cluster's default StorageClass. */
    storageClass: storageClass.optional(),
    /** Size of each component's data volume; unset = the component's default. */
    storage: perComponent(DATA_COMPONENT_NAMES, quantity.optional()).prefault({}),
    /** Resource requests and limits per component. */
    resources: perComponent(COMPONENT_NAMES, resources).prefault({}),
    /** How the Services are exposed beyond the namespace. */
    serviceType: z
      .enum(["ClusterIP", "NodePort", "LoadBalancer"], { error: "ClusterIP, NodePort or LoadBalancer" })
      .default("ClusterIP"),
    /** One Ingress per UI that has a host name here. */
    ingress: z
      .strictObject({
        /** IngressClass to use; unset = the cluster's default IngressClass. */
        className: formatted(dns1123Subdomain).optional(),
        /** A TLS Secret (in the stack's namespace) covering the hosts; unset = plain HTTP. */
        tlsSecretName: formatted(dns1123Subdomain).optional(),
        hosts: perComponent(UI_COMPONENT_NAMES, formatted(ingressHost).optional()).prefault({}),
      })
      .prefault({}),
    /** A NetworkPolicy per component that admits only the traffic the stack needs. */
    networkPolicy: z.boolean({ error: "true or false" }).default(false),
  })
  .prefault({});

export type KubernetesConfig = z.infer<typeof kubernetesSection>;
