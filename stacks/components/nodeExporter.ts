import type { DescribeContext } from "./context.ts";
import type { ComponentDescription, Resources } from "./types.ts";
import { PINNED_IMAGES } from "./images.ts";

export const NODE_EXPORTER_PORT = 9100;

export const NODE_EXPORTER_RESOURCES: Resources = { cpuRequest: "50m", cpuLimit: "250m", memoryRequest: "64Mi", memoryLimit: "128Mi" };

/**
 * node-exporter reads the host's /proc, /sys and root file system, mounted read-only, and runs in the
 * host's PID namespace so process counts are the host's.
 */
export function describeNodeExporter(ctx: DescribeContext): ComponentDescription {
  const { config } = ctx;
  return {
    name: "node-exporter",
    title: "node-exporter",
    image: config.images["node-exporter"] ?? PINNED_IMAGES["node-exporter"],
    args: [
      "--path.procfs=/host/proc",
      "--path.sysfs=/host/sys",
      "--path.rootfs=/host/root",
      // The host's udev database: without it disks lack their labels (node_disk_info's model, serial, path).
      "--path.udev.data=/host/root/run/udev/data",
      "--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run|var/lib/docker/.+|var/lib/kubelet/.+)($|/)",
      `--web.listen-address=:${NODE_EXPORTER_PORT}`,
    ],
    env: {},
    ports: [
      {
        name: "metrics",
        containerPort: NODE_EXPORTER_PORT,
        protocol: "TCP",
        ...(config.ports.nodeExporter !== undefined ? { hostPort: config.ports.nodeExporter } : {}),
        purpose: "host metrics",
        url: { scheme: "http", path: "/metrics" },
      },
    ],
    configFiles: [],
    secretFiles: [],
    healthCheck: {
      port: NODE_EXPORTER_PORT,
      path: "/",
      intervalSeconds: 15,
      timeoutSeconds: 5,
      failureThreshold: 4,
      startSeconds: 10,
    },
    resources: NODE_EXPORTER_RESOURCES,
    runAs: { user: 65534, group: 65534 },
    readOnlyRootFilesystem: true,
    hostMounts: [
      { hostPath: "/proc", mountPath: "/host/proc" },
      { hostPath: "/sys", mountPath: "/host/sys" },
      { hostPath: "/", mountPath: "/host/root" },
    ],
    perNode: true,
    metrics: { port: NODE_EXPORTER_PORT, path: "/metrics" },
    talksTo: [],
    reachesHost: false,
    discoversTargets: false,
  };
}
