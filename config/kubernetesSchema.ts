import { z } from "zod";
import { formatted } from "./fields.ts";
import { COMPONENT_NAMES, DATA_COMPONENT_NAMES, UI_COMPONENT_NAMES } from "./components.ts";
import { perComponent } from "./perComponent.ts";
import { documented } from "./keyDocs.ts";
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
    context: documented(formatted(kubeContext).optional(), "a kubeconfig context to deploy through", "the current context"),
    clusterIdentifier: documented(
      formatted(clusterIdentifier).default("default"),
      "letters, digits and `. _ : @ / -`: the provider, and with it every object, is replaced only when this changes; change it only to move the stack to another cluster (see [Contexts and clusters](#contexts-and-clusters))",
    ),
    namespace: documented(formatted(dns1123Label).default("llmobs"), "DNS-1123 label; created by the stack"),
    podSecurity: documented(
      z.enum(["restricted", "baseline", "privileged"], { error: "restricted, baseline or privileged" }).default("restricted"),
      "the Pod Security level the namespace enforces (see [Pod Security](#pod-security))",
    ),
    nodeExporterNamespace: documented(
      formatted(dns1123Label).optional(),
      "DNS-1123 label, not `kubernetes.namespace`; created by the stack, labelled `privileged`",
      "`<namespace>-node-exporter`",
    ),
    storageClass: documented(
      storageClass.optional(),
      "a StorageClass the cluster has (the program reads it before creating anything); never empty (see [Storage](#storage))",
      "the cluster's default",
    ),
    storage: documented(
      perComponent(DATA_COMPONENT_NAMES, quantity.optional()).prefault({}),
      "size of the component's data volume: a Kubernetes quantity (`512Mi`, `10Gi`); Prometheus' must exceed `prometheus.retentionSize`",
      "the component's own",
    ),
    resources: documented(
      perComponent(COMPONENT_NAMES, resources).prefault({}),
      "requests and limits: Kubernetes quantities; a limit may not be below its request",
      "see [Requests and limits](#requests-and-limits)",
    ),
    serviceType: documented(
      z.enum(["ClusterIP", "NodePort", "LoadBalancer"], { error: "ClusterIP, NodePort or LoadBalancer" }).default("ClusterIP"),
      "the latter two add a `<component>-external` Service with the UI and ingest ports",
    ),
    ingress: z
      .strictObject({
        className: documented(formatted(dns1123Subdomain).optional(), "an IngressClass name", "the cluster's default"),
        tlsSecretName: documented(formatted(dns1123Subdomain).optional(), "a TLS Secret in the namespace covering the hosts", "none (plain HTTP)"),
        hosts: documented(
          perComponent(UI_COMPONENT_NAMES, formatted(ingressHost).optional()).prefault({}),
          "host name; one Ingress per UI given one",
          "none",
        ),
      })
      .prefault({}),
    networkPolicy: documented(z.boolean({ error: "true or false" }).default(false), "`true` adds a NetworkPolicy per component"),
  })
  .prefault({});

export type KubernetesConfig = z.infer<typeof kubernetesSection>;
