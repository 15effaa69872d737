import { componentTitle, type ComponentName } from "../config/components.ts";
import type { DescribeContext } from "./context.ts";
import { PINNED_IMAGES } from "./images.ts";
import type { ComponentDescription, DataDescription, HealthCheck, PortDescription, Resources } from "./types.ts";

/** What every component is unless its description says otherwise. */
const DEFAULTS = {
  args: [],
  env: {},
  configFiles: [],
  secretFiles: [],
  // nobody: the user the Prometheus, Alertmanager and node-exporter images run as.
  runAs: { user: 65534, group: 65534 },
  readOnlyRootFilesystem: true,
  hostMounts: [],
  perNode: false,
  hostNetwork: false,
  replicas: 1,
  peerPorts: [],
  replicaEnv: {},
  talksTo: [],
  reachesHost: false,
  discoversTargets: false,
} satisfies Partial<ComponentDescription>;

/** A health check every 10 seconds, 5 to answer, 6 failures in a row before the component counts as down. */
const HEALTH_CHECK_TIMING = { intervalSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 } satisfies Partial<HealthCheck>;

/** A port as a description states it: TCP unless it says otherwise, its host port read from `ports.<hostPortKey>`. */
export type PortSpec = Omit<PortDescription, "protocol" | "hostPort"> & Partial<Pick<PortDescription, "protocol">>;

/**
 * What a description states: what differs from DEFAULTS. The name, title, image (the pin, or the
 * config's override), the data's epoch and each published port's host port come from the config.
 */
export type ComponentSpec = Partial<Omit<ComponentDescription, "name" | "title" | "image" | "ports" | "healthCheck" | "data" | "resources">> & {
  ports: PortSpec[];
  healthCheck: Omit<HealthCheck, keyof typeof HEALTH_CHECK_TIMING> & Partial<HealthCheck>;
  data?: Omit<DataDescription, "epoch">;
  resources: Resources;
};

/** A component's description: the defaults every component shares, with what its own spec states laid over them. */
export function describeComponent(ctx: DescribeContext, name: ComponentName, spec: ComponentSpec): ComponentDescription {
  const { config } = ctx;
  const { ports, healthCheck, data, ...rest } = spec;
  return {
    name,
    title: componentTitle(name),
    image: config.images[name] ?? PINNED_IMAGES[name],
    ...DEFAULTS,
    ...rest,
    ports: ports.map(({ protocol = "TCP", ...port }) => {
      const hostPort = port.hostPortKey === undefined ? undefined : config.ports[port.hostPortKey];
      return { ...port, protocol, ...(hostPort !== undefined ? { hostPort } : {}) };
    }),
    healthCheck: { ...HEALTH_CHECK_TIMING, ...healthCheck },
    ...(data ? { data: { ...data, epoch: config.dataEpochs[name] } } : {}),
  };
}
