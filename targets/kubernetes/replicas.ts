import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../../config/schema.ts";
import type { ComponentDescription } from "../../components/types.ts";
import { claimName, headlessServiceName } from "./naming.ts";
import { claimContent } from "./claims.ts";
import { servicePorts } from "./servicePorts.ts";

type PodTemplateSpec = k8s.types.input.core.v1.PodTemplateSpec;

/** The claim template each replica's own claim is made from, named as the one instance's claim is. */
export function claimTemplateName(d: ComponentDescription, config: StackConfig): string | undefined {
  return d.data ? claimName(config.namePrefix, d.name, d.data.epoch) : undefined;
}

/**
 * A component that runs several replicas: a headless Service that gives each pod a DNS name of its own
 * and resolves the Service's own name to every pod (published before the pod is ready, so peers find each
 * other while they start), with the ports only replicas use; a PodDisruptionBudget that lets a drain take
 * one at a time; and the workload. Replicas with data of their own are a StatefulSet whose pods start
 * together (they need each other, not an order) and keep their claims when scaled down or deleted;
 * replicas without (their data in a shared store) are a Deployment that rolls one pod at a time.
 */
export function deployReplicas(
  name: string,
  args: {
    description: ComponentDescription;
    config: StackConfig;
    metadata: { name: string; namespace: pulumi.Input<string>; labels: Record<string, string> };
    selector: Record<string, string>;
    template: PodTemplateSpec;
  },
  workloadOptions: pulumi.CustomResourceOptions,
  child: pulumi.CustomResourceOptions,
): k8s.apps.v1.StatefulSet | k8s.apps.v1.Deployment {
  const { description: d, config, metadata, selector, template } = args;
  const headless = new k8s.core.v1.Service(
    `${name}-headless`,
    {
      metadata: { ...metadata, name: headlessServiceName(d.name) },
      spec: { clusterIP: "None", publishNotReadyAddresses: true, selector, ports: servicePorts([...d.ports, ...d.peerPorts]) },
    },
    { ...child, deleteBeforeReplace: true },
  );
  new k8s.policy.v1.PodDisruptionBudget(
    name,
    { metadata, spec: { maxUnavailable: 1, selector: { matchLabels: selector } } },
    { ...child, deleteBeforeReplace: true },
  );
  const afterHeadless = { ...workloadOptions, dependsOn: [...((workloadOptions.dependsOn as pulumi.Resource[] | undefined) ?? []), headless] };
  if (!d.data) {
    return new k8s.apps.v1.Deployment(
      name,
      {
        metadata,
        spec: {
          replicas: d.replicas,
          // No volume to hand over: a new pod starts before an old one stops, and one at most is away.
          strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
          selector: { matchLabels: selector },
          template,
        },
      },
      afterHeadless,
    );
  }
  const templateName = claimTemplateName(d, config);
  const claim = templateName ? claimContent({ ...d, data: d.data }, config) : undefined;
  return new k8s.apps.v1.StatefulSet(
    name,
    {
      metadata,
      spec: {
        serviceName: headlessServiceName(d.name),
        replicas: d.replicas,
        podManagementPolicy: "Parallel",
        selector: { matchLabels: selector },
        template,
        volumeClaimTemplates: claim ? [{ metadata: { name: templateName, labels: claim.labels }, spec: claim.spec }] : [],
        // The default, stated: data outlives the StatefulSet and a smaller replica count; only the data commands delete it.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      },
    },
    {
      ...afterHeadless,
      // A reset names a new claim template (a new epoch), which a StatefulSet cannot change: it is replaced.
      replacementTrigger: d.data.epoch,
    },
  );
}
