import type { ComponentName } from "../config/components.ts";
import type { HostPortName } from "../config/schema.ts";

/**
 * A component described once, target-neutrally. The Docker and Kubernetes targets turn the same
 * description into resources; nothing here knows which target it will run on, so a fix to a port, a
 * health check or a config file is one edit that both targets get.
 *
 * Descriptions are plain data (no Pulumi Outputs): secrets are referenced by name and wired in by the
 * target, which keeps the descriptions testable and lets `npm run render` write every file offline.
 */
export interface ComponentDescription {
  name: ComponentName;
  /** What a person calls it: "Prometheus". */
  title: string;
  /** Pinned image reference (repository:version or @sha256 digest). */
  image: string;
  /** Arguments passed to the image's entrypoint. */
  args: string[];
  /** Plain, non-secret environment. */
  env: Record<string, string>;
  ports: PortDescription[];
  /** The port (by name) a person opens in a browser, if the component has a UI; the one an Ingress routes to. */
  ui?: string;
  /** The component's persistent data, if it keeps any. */
  data?: DataDescription;
  /** Files rendered from code and shipped into the container. */
  configFiles: ConfigFile[];
  /** Secrets the component reads from files; the target supplies the values. */
  secretFiles: SecretFile[];
  healthCheck: HealthCheck;
  resources: Resources;
  /** The user and group the image runs as; the data volume must be writable by them. */
  runAs: { user: number; group: number };
  /** Whether the image runs with a read-only root file system (everything it writes is on a volume). */
  readOnlyRootFilesystem: boolean;
  /** Host paths the component reads (node-exporter), always read-only. */
  hostMounts: HostMount[];
  /** Runs once per node, in the host's PID namespace (node-exporter). */
  perNode: boolean;
  /**
   * Runs in the host's network namespace (node-exporter, so its network counters are the host's): on
   * Kubernetes `hostNetwork`, on Docker the host network, reached at host.docker.internal.
   */
  hostNetwork: boolean;
  /** Where the component serves its own Prometheus metrics, if it does; scraped as the job named for it unless `job` says otherwise. */
  metrics?: { port: number; path: string; job?: string };
  /** Metrics the component derives from what it receives (Jaeger's span metrics), scraped as their own job. */
  derivedMetrics?: { job: string; port: number; path: string };
  /**
   * How many copies run (more than 1 only on the cluster target), each with data of its own where the
   * component keeps data: on Kubernetes a StatefulSet, each pod with its own claim.
   */
  replicas: number;
  /** Ports only the component's own replicas use (Alertmanager's gossip): never published, and no client's. */
  peerPorts: PeerPort[];
  /**
   * Environment variables the target sets to what a replica knows of itself, by variable name: "name" (on
   * Kubernetes the pod's name, e.g. prometheus-1) or "ip" (the pod's address). Args refer to them as
   * $(NAME), which Kubernetes expands; config files as the component itself expands them.
   */
  replicaEnv: Record<string, ReplicaFact>;
  /** Components this one opens connections to. */
  talksTo: ComponentName[];
  /** The ports (by name) it reaches on a component it talks to, where that is not every port (the demo: Jaeger's OTLP/HTTP only). */
  talksToPorts?: Partial<Record<ComponentName, string[]>>;
  /** Reaches services on the Docker host (`host.docker.internal`), e.g. Prometheus scraping the LLM service. */
  reachesHost: boolean;
  /**
   * Reads the platform's API to discover what to scrape (on Kubernetes: pods, services, endpoints and nodes,
   * cluster-wide, through its own ServiceAccount). Docker has no such API; there the flag changes nothing.
   */
  discoversTargets: boolean;
}

export interface PortDescription {
  /** A short name (at most 15 characters, DNS label): "http", "otlp-grpc". */
  name: string;
  containerPort: number;
  protocol: "TCP" | "UDP";
  /**
   * The host port users reach it on: published on Docker; on Kubernetes the local port of the
   * `kubectl port-forward` command (the Service keeps the container port, so peers' addresses match). Unset = internal.
   */
  hostPort?: number;
  /** The config key that sets hostPort: `ports.<hostPortKey>`. Unset for a port that is never published. */
  hostPortKey?: HostPortName;
  /** What the port serves, for outputs and the README. */
  purpose: string;
  /** How a client addresses it: an http URL with this path ("" for a base URL), or a bare gRPC host:port. */
  url: { scheme: "http"; path: string } | { scheme: "grpc" };
}

export interface PeerPort {
  /** A short name (at most 15 characters, DNS label): "cluster-tcp". */
  name: string;
  containerPort: number;
  protocol: "TCP" | "UDP";
}

/**
 * The ports of a gossip cluster (hashicorp memberlist, as Alertmanager's and Grafana's alerting use): TCP
 * and UDP on one port.
 */
export function gossipPorts(port: number): PeerPort[] {
  return [
    { name: "cluster-tcp", containerPort: port, protocol: "TCP" },
    { name: "cluster-udp", containerPort: port, protocol: "UDP" },
  ];
}

/** What a replica knows of itself: its name, and its address. */
export type ReplicaFact = "name" | "ip";

export interface DataDescription {
  /** Where the image keeps its data. */
  mountPath: string;
  /** Bumped by `npm run data -- reset`: a new epoch is a fresh, empty volume. */
  epoch: number;
  /** How much space to claim where volumes have a size (a Kubernetes quantity such as 10Gi); Docker volumes have none. */
  size: string;
}

export interface ConfigFile {
  /** Path under the component's directory in the render output, e.g. "provisioning/datasources/llmobs.yml". */
  path: string;
  /** Absolute path inside the container. */
  mountPath: string;
  content: string;
}

export type SecretName =
  | "grafana-admin-password"
  | "alertmanager-webhook-url"
  | "prometheus-remote-write-password"
  | "prometheus-remote-write-bearer-token"
  | "prometheus-remote-write-header-value"
  | "jaeger-storage-password"
  | "grafana-database-password";

export interface SecretFile {
  secret: SecretName;
  mountPath: string;
}

export interface HealthCheck {
  /** HTTP GET on this container port answers 2xx when the process is alive. */
  port: number;
  path: string;
  /** A separate readiness path where the image has one (Prometheus /-/ready). */
  readyPath?: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  /** Time to start before failures count: the slowest first start (migrations, replay) the health check waits out. */
  startSeconds: number;
  /**
   * How long a start may take to be ready, where that is longer than the health check's budget: Prometheus
   * answers /-/healthy at once but is ready only after replaying its write-ahead log.
   */
  readySeconds?: number;
}

/** Kubernetes-style quantities; the Docker target converts them. */
export interface Resources {
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
}

export interface HostMount {
  hostPath: string;
  mountPath: string;
}

export interface StackDescription {
  namePrefix: string;
  components: ComponentDescription[];
}
