import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { StackConfig } from "../../config/schema.ts";
import type { ComponentDescription, SecretName, StackDescription } from "../../components/types.ts";
import { configMapData, configMapEntries } from "./configMaps.ts";
import { claimName, configMapName, externalServiceName, workloadName } from "./naming.ts";
import { selectorLabels } from "../../components/kubernetesLabels.ts";
import { componentLabels, podTemplate } from "./podTemplate.ts";
import { retainedObjectAnnotations } from "./retained.ts";
import { claimContent } from "./claims.ts";
import { claimTemplateName, deployReplicas } from "./replicas.ts";
import { servicePorts } from "./servicePorts.ts";
import { discoveryAccess } from "./rbac.ts";
import { networkPolicySpec } from "./networkPolicy.ts";
import { ingressFor } from "./access.ts";
import { componentNamespace } from "./podSecurity.ts";
import { readyBudgetSeconds } from "../../components/startBudget.ts";

/** Beyond the component's own start: pulling its image, attaching its volume, scheduling on a new node. */
const PULL_AND_SCHEDULE_SECONDS = 300;
/** Pulumi's own wait for a Deployment or DaemonSet, the least a component gets. */
const PULUMI_DEFAULT_WAIT_SECONDS = 600;

/** How long `up` waits for the workload to be ready: its slowest start and the time to get it running. */
function workloadTimeouts(d: ComponentDescription): pulumi.CustomTimeouts {
  const seconds = Math.max(PULUMI_DEFAULT_WAIT_SECONDS, readyBudgetSeconds(d.healthCheck) + PULL_AND_SCHEDULE_SECONDS);
  const wait = `${Math.ceil(seconds / 60)}m`;
  return { create: wait, update: wait };
}

/**
 * Pulumi waits for an address on LoadBalancer Services and Ingresses, which never comes where no load
 * balancer or Ingress controller answers (kind, minikube without a tunnel): `up` would fail after ten
 * minutes although every pod runs. The workloads' readiness is what `up` waits for; the preflight names a
 * missing load balancer or IngressClass.
 */
const SKIP_AWAIT = { "pulumi.com/skipAwait": "true" };

export interface KubernetesComponentArgs {
  description: ComponentDescription;
  stack: StackDescription;
  config: StackConfig;
  /** The component's namespace (the stack's, or the privileged one for node agents), created before it. */
  namespace: k8s.core.v1.Namespace;
  provider: k8s.Provider;
  /** The Secrets the stack creates; none when rendered manifests leave them out for the cluster's owner to create. */
  secrets: Partial<Record<SecretName, k8s.core.v1.Secret>>;
  /** The configured StorageClass, read from the cluster: the claims wait for it to be found. */
  storageClass?: k8s.storage.v1.StorageClass;
}

/**
 * One component on Kubernetes: its config files in an immutable ConfigMap, its data on a
 * PersistentVolumeClaim kept when the stack is destroyed, a Deployment (one pod, Recreate, since the
 * volume is ReadWriteOnce) or, for per-node components, a DaemonSet; for several replicas a StatefulSet
 * (each pod its own claim) or, without data, a Deployment of N pods (see replicas.ts); a Service named after it;
 * an Ingress and a NetworkPolicy when the config asks for them.
 */
export class KubernetesComponent extends pulumi.ComponentResource {
  readonly workload: k8s.apps.v1.Deployment | k8s.apps.v1.DaemonSet | k8s.apps.v1.StatefulSet;
  readonly claim?: k8s.core.v1.PersistentVolumeClaim;
  readonly service?: k8s.core.v1.Service;

  constructor(name: string, args: KubernetesComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("llmobs:kubernetes:Component", name, {}, opts);
    const { description: d, stack, config, provider } = args;
    const namespace = args.namespace.metadata.name;
    const labels = componentLabels(d, config.namePrefix);
    const selector = selectorLabels(config.namePrefix, d.name);
    const child: pulumi.CustomResourceOptions = { parent: this, provider };
    const dependencies: pulumi.Resource[] = d.secretFiles.flatMap((file) => args.secrets[file.secret] ?? []);

    const entries = configMapEntries(d);
    let configMap: { name: string; entries: typeof entries } | undefined;
    if (entries.length > 0) {
      const data = configMapData(entries);
      configMap = { name: configMapName(d.name, data), entries };
      dependencies.push(
        new k8s.core.v1.ConfigMap(
          `${name}-config`,
          { metadata: { name: configMap.name, namespace, labels }, immutable: true, data },
          // Replacing the provider replaces every object: one with a fixed name must go before its successor
          // is applied, or the successor's apply is undone by the old one's deletion.
          { ...child, deleteBeforeReplace: true },
        ),
      );
    }

    let serviceAccountName: string | undefined;
    if (d.discoversTargets) {
      dependencies.push(...discoveryAccess(d, { name: namespace, plainName: config.kubernetes.namespace }, labels, child));
      serviceAccountName = workloadName(d.name);
    }

    // Replicas each get a claim of their own from the StatefulSet's claim template instead.
    const replicated = d.replicas > 1;
    if (d.data && !replicated) {
      const claim = claimContent({ ...d, data: d.data }, config);
      this.claim = new k8s.core.v1.PersistentVolumeClaim(
        `${name}-data`,
        {
          metadata: {
            name: claimName(config.namePrefix, d.name, d.data.epoch),
            namespace,
            labels: claim.labels,
            annotations: {
                // A claim on a WaitForFirstConsumer class binds only once its pod exists, after this resource;
              // the Deployment's own readiness is what `pulumi up` waits for.
              ...SKIP_AWAIT,
              ...retainedObjectAnnotations(),
            },
          },
          spec: claim.spec,
        },
        {
          ...child,
          ...(args.storageClass ? { dependsOn: [args.storageClass] } : {}),
          // Data outlives `pulumi destroy` and config changes; only `npm run data -- reset|clean` removes it.
          retainOnDelete: true,
          replacementTrigger: d.data.epoch,
        },
      );
      dependencies.push(this.claim);
    } else if (d.data && args.storageClass) {
      dependencies.push(args.storageClass);
    }

    const template = podTemplate({
      description: d,
      config,
      ...(configMap ? { configMap } : {}),
      ...(this.claim && d.data ? { claimName: claimName(config.namePrefix, d.name, d.data.epoch) } : {}),
      ...(replicated && d.data ? { claimTemplate: claimTemplateName(d, config)! } : {}),
      ...(serviceAccountName ? { serviceAccountName } : {}),
    });
    const metadata = { name: workloadName(d.name), namespace, labels };
    const workloadOptions: pulumi.CustomResourceOptions = {
      ...child,
      dependsOn: dependencies,
      // The name is fixed, so a replacement must remove the old one first.
      deleteBeforeReplace: true,
      customTimeouts: workloadTimeouts(d),
      ...(this.claim ? { replaceWith: [this.claim] } : {}),
    };
    this.workload = d.perNode
      ? new k8s.apps.v1.DaemonSet(name, { metadata, spec: { selector: { matchLabels: selector }, template } }, workloadOptions)
      : replicated
        ? deployReplicas(name, { description: d, config, metadata, selector, template }, workloadOptions, child)
        : new k8s.apps.v1.Deployment(
            name,
            {
              metadata,
              spec: {
                replicas: 1,
                // One pod holds the ReadWriteOnce volume at a time: the old pod stops before the new one starts.
                strategy: { type: "Recreate" },
                selector: { matchLabels: selector },
                template,
              },
            },
            workloadOptions,
          );

    if (!d.perNode) {
      // Inside the cluster, every port at the component's name: the peers' addresses, as on Docker.
      this.service = new k8s.core.v1.Service(
        name,
        { metadata, spec: { type: "ClusterIP", selector, ports: servicePorts(d.ports) } },
        { ...child, deleteBeforeReplace: true },
      );
      // Beyond the cluster only what Docker publishes (UIs and ingest), never health or metrics ports.
      const published = d.ports.filter((port) => port.hostPort !== undefined);
      const { serviceType } = config.kubernetes;
      if (serviceType !== "ClusterIP" && published.length > 0) {
        new k8s.core.v1.Service(
          `${name}-external`,
          {
            metadata: { ...metadata, name: externalServiceName(d.name), ...(serviceType === "LoadBalancer" ? { annotations: SKIP_AWAIT } : {}) },
            spec: { type: serviceType, selector, ports: servicePorts(published) },
          },
          { ...child, deleteBeforeReplace: true },
        );
      }
    }

    const ingress = ingressFor(d, config);
    if (ingress && this.service) {
      const { className, tlsSecretName } = config.kubernetes.ingress;
      new k8s.networking.v1.Ingress(
        name,
        {
          metadata: { ...metadata, annotations: SKIP_AWAIT },
          spec: {
            ...(className ? { ingressClassName: className } : {}),
            ...(tlsSecretName ? { tls: [{ hosts: [ingress.host], secretName: tlsSecretName }] } : {}),
            rules: [
              {
                host: ingress.host,
                http: {
                  paths: [
                    { path: "/", pathType: "Prefix", backend: { service: { name: workloadName(d.name), port: { name: ingress.port } } } },
                  ],
                },
              },
            ],
          },
        },
        { ...child, dependsOn: [this.service], deleteBeforeReplace: true },
      );
    }

    // A pod on the node's network is not subject to NetworkPolicies: its traffic is the node's.
    if (config.kubernetes.networkPolicy && !d.hostNetwork) {
      const namespaceOf = (peer: ComponentDescription) => componentNamespace(peer, config);
      new k8s.networking.v1.NetworkPolicy(name, { metadata, spec: networkPolicySpec(d, stack, namespaceOf) }, { ...child, deleteBeforeReplace: true });
    }

    this.registerOutputs({ workload: this.workload.metadata.name });
  }
}
