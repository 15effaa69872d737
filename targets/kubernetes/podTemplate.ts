import type * as k8s from "@pulumi/kubernetes";
import type { StackConfig } from "../../config/schema.ts";
import type { ComponentDescription, HealthCheck, ReplicaFact } from "../../components/types.ts";
import type { ConfigMapEntry } from "./configMaps.ts";
import { effectiveResources } from "./overrides.ts";
import { secretName } from "./naming.ts";
import { LABELS, selectorLabels } from "../../components/kubernetesLabels.ts";
import { startupBudgetSeconds } from "../../components/startBudget.ts";

type PodTemplateSpec = k8s.types.input.core.v1.PodTemplateSpec;
type Probe = k8s.types.input.core.v1.Probe;
type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;
type EnvVar = k8s.types.input.core.v1.EnvVar;
type Affinity = k8s.types.input.core.v1.Affinity;

/** The key each Secret holds its one value under. */
export const SECRET_KEY = "value";

export interface PodTemplateArgs {
  description: ComponentDescription;
  config: StackConfig;
  /** The component's ConfigMap and the files in it. */
  configMap?: { name: string; entries: ConfigMapEntry[] };
  /** The component's data volume claim. */
  claimName?: string;
  /** Replicas: the claim template each pod's own claim is made from (a StatefulSet's), named as the volume. */
  claimTemplate?: string;
  /** Set for components that read the Kubernetes API. */
  serviceAccountName?: string;
}

/** The version part of a pinned image reference (a tag), when it can be a label value. */
export function imageVersion(image: string): string | undefined {
  if (image.includes("@")) return undefined;
  const tag = /:([\w][\w.-]{0,62})$/.exec(image.slice(image.lastIndexOf("/") + 1))?.[1];
  return tag;
}

/** The labels of a component's objects that never change, whatever the image or config. */
export function stableLabels(d: ComponentDescription, namePrefix: string): Record<string, string> {
  return {
    ...selectorLabels(namePrefix, d.name),
    [LABELS.component]: d.perNode ? "node-agent" : "server",
    [LABELS.partOf]: "llmobs",
    [LABELS.managedBy]: "pulumi",
  };
}

/** Every label a component's objects carry: the stable ones and the image's version. */
export function componentLabels(d: ComponentDescription, namePrefix: string): Record<string, string> {
  const version = imageVersion(d.image);
  return { ...stableLabels(d, namePrefix), ...(version ? { [LABELS.version]: version } : {}) };
}

const STARTUP_PERIOD_SECONDS = 5;

function httpGet(health: HealthCheck, path: string) {
  return { path, port: health.port, scheme: "HTTP" };
}

/**
 * Probes from the description's health check: the startup probe gives the component its start time plus
 * the usual failure budget (as Docker's start period does), then liveness and readiness take over.
 */
function probes(health: HealthCheck): { livenessProbe: Probe; readinessProbe: Probe; startupProbe: Probe } {
  const timing = { periodSeconds: health.intervalSeconds, timeoutSeconds: health.timeoutSeconds, failureThreshold: health.failureThreshold };
  return {
    startupProbe: {
      httpGet: httpGet(health, health.path),
      periodSeconds: STARTUP_PERIOD_SECONDS,
      timeoutSeconds: health.timeoutSeconds,
      failureThreshold: Math.ceil(startupBudgetSeconds(health) / STARTUP_PERIOD_SECONDS),
    },
    livenessProbe: { httpGet: httpGet(health, health.path), ...timing },
    readinessProbe: { httpGet: httpGet(health, health.readyPath ?? health.path), ...timing },
  };
}

/** Where the target takes what a replica knows of itself from: the pod's own fields. */
const REPLICA_FIELDS: Record<ReplicaFact, string> = { name: "metadata.name", ip: "status.podIP" };

function environment(d: ComponentDescription): EnvVar[] {
  return [
    ...Object.entries(d.env).map(([name, value]) => ({ name, value })),
    ...Object.entries(d.replicaEnv).map(([name, fact]) => ({ name, valueFrom: { fieldRef: { fieldPath: REPLICA_FIELDS[fact] } } })),
  ];
}

/** Replicas on different nodes where the cluster has room: losing a node loses one of them, not all. */
function spreadReplicas(d: ComponentDescription, namePrefix: string): { affinity?: Affinity } {
  if (d.replicas === 1) return {};
  return {
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: selectorLabels(namePrefix, d.name) }, topologyKey: "kubernetes.io/hostname" } },
        ],
      },
    },
  };
}

/** "/host/proc" -> "host-proc": a volume name from the path it is mounted at. */
function volumeNameFor(mountPath: string): string {
  return mountPath.replace(/^\/+/, "").replace(/[^a-z0-9]+/g, "-").replace(/-+$/, "").slice(0, 63) || "root";
}

/**
 * The pod a component runs in, from its description alone: image, arguments, ports, probes, requests and
 * limits, a locked-down security context (non-root, no privilege escalation, no capabilities, read-only
 * root where the image allows), the data volume at the image's data directory, each config and secret
 * file at its path, and (for per-node components) the host's paths read-only in the host's PID namespace.
 */
export function podTemplate(args: PodTemplateArgs): PodTemplateSpec {
  const { description: d, config, configMap, claimName, claimTemplate, serviceAccountName } = args;
  const volumes: Volume[] = [];
  const mounts: VolumeMount[] = [];

  if (d.data && claimName) {
    volumes.push({ name: "data", persistentVolumeClaim: { claimName } });
    mounts.push({ name: "data", mountPath: d.data.mountPath });
  } else if (d.data && claimTemplate) {
    // The StatefulSet adds the volume of each pod's own claim under the template's name.
    mounts.push({ name: claimTemplate, mountPath: d.data.mountPath });
  }
  if (configMap && configMap.entries.length > 0) {
    volumes.push({ name: "config", configMap: { name: configMap.name } });
    for (const { key, file } of configMap.entries) {
      mounts.push({ name: "config", mountPath: file.mountPath, subPath: key, readOnly: true });
    }
  }
  for (const file of d.secretFiles) {
    const name = `secret-${file.secret}`;
    // Readable by the owner and the pod's fsGroup (the component's group), by no one else.
    volumes.push({ name, secret: { secretName: secretName(file.secret), defaultMode: 0o440 } });
    mounts.push({ name, mountPath: file.mountPath, subPath: SECRET_KEY, readOnly: true });
  }
  for (const mount of d.hostMounts) {
    const name = volumeNameFor(mount.mountPath);
    volumes.push({ name, hostPath: { path: mount.hostPath, type: "Directory" } });
    // No mount propagation, as on Docker: HostToContainer on the host's / fails where / is not a shared
    // mount (Docker Desktop's Kubernetes, k3d). File systems mounted on the node later go unseen until a restart.
    mounts.push({ name, mountPath: mount.mountPath, readOnly: true });
  }

  const resources = effectiveResources(d, config);
  return {
    metadata: { labels: componentLabels(d, config.namePrefix) },
    spec: {
      ...(serviceAccountName ? { serviceAccountName } : {}),
      automountServiceAccountToken: serviceAccountName !== undefined,
      // No PROMETHEUS_PORT=tcp://... variables injected for every Service in the namespace.
      enableServiceLinks: false,
      // The images are Linux images; on a cluster with Windows nodes the pods would never start there.
      nodeSelector: { "kubernetes.io/os": "linux" },
      ...(d.perNode ? { hostPID: true, tolerations: [{ operator: "Exists" }] } : {}),
      // On the node's network the pod still resolves cluster names (Services) first.
      ...(d.hostNetwork ? { hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" } : {}),
      ...spreadReplicas(d, config.namePrefix),
      securityContext: {
        runAsNonRoot: true,
        runAsUser: d.runAs.user,
        runAsGroup: d.runAs.group,
        // Volumes are group-owned by the component's group, so the data directory is writable.
        fsGroup: d.runAs.group,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
      },
      containers: [
        {
          name: d.name,
          image: d.image,
          imagePullPolicy: "IfNotPresent",
          args: d.args,
          env: environment(d),
          ports: [...d.ports, ...d.peerPorts].map((port) => ({ name: port.name, containerPort: port.containerPort, protocol: port.protocol })),
          volumeMounts: mounts,
          resources: {
            requests: { cpu: resources.cpuRequest, memory: resources.memoryRequest },
            limits: { cpu: resources.cpuLimit, memory: resources.memoryLimit },
          },
          ...probes(d.healthCheck),
          securityContext: {
            runAsNonRoot: true,
            runAsUser: d.runAs.user,
            runAsGroup: d.runAs.group,
            allowPrivilegeEscalation: false,
            privileged: false,
            capabilities: { drop: ["ALL"] },
            readOnlyRootFilesystem: d.readOnlyRootFilesystem,
          },
        },
      ],
      volumes,
    },
  };
}
