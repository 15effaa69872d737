import { DOCKER_HOST_NAME, type DescribeContext } from "../context.ts";
import { nodeExporterOnHostNetwork } from "../../config/nodeExporterNetwork.ts";
import type { ComponentDescription, Resources } from "../types.ts";
import { describeComponent } from "../describeComponent.ts";

// Virtual interfaces that carry traffic already counted on a physical one: each container's veth pair and
// Calico's cali<hash> (as kube-prometheus leaves them out), and the bridges and tunnels of Docker and CNIs.
const VIRTUAL_DEVICES = "^(veth.*|cali.*|[a-f0-9]{15}|docker0|br-[0-9a-f]{12}|cni0|cbr0|flannel\\..*|cilium_.*|lxc.*|vxlan\\..*|tunl0|kube-ipvs0)$";

export const NODE_EXPORTER_RESOURCES: Resources = { cpuRequest: "50m", cpuLimit: "250m", memoryRequest: "64Mi", memoryLimit: "128Mi" };

/**
 * node-exporter reads the host's /proc, /sys and root file system, mounted read-only, and runs in the
 * host's PID namespace so process counts are the host's. It reads network counters through netlink, which
 * sees only its own network namespace: on the host's network (`nodeExporter.hostNetwork`) they are the
 * host's, otherwise its own container's.
 */
export function describeNodeExporter(ctx: DescribeContext): ComponentDescription {
  const { config } = ctx;
  const port = config.nodeExporter.port;
  const hostNetwork = nodeExporterOnHostNetwork(config);
  // On the Docker host's network, listen only on the address containers reach the host at (Docker's
  // bridge), not on every interface of the machine. On a node, the pod address is the node's.
  const listenHost = hostNetwork && config.target === "docker" ? DOCKER_HOST_NAME : "";
  return describeComponent(ctx, "node-exporter", {
    args: [
      "--path.procfs=/host/proc",
      "--path.sysfs=/host/sys",
      "--path.rootfs=/host/root",
      // The host's udev database: without it disks lack their labels (node_disk_info's model, serial, path).
      "--path.udev.data=/host/root/run/udev/data",
      "--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run|var/lib/docker/.+|var/lib/kubelet/.+)($|/)",
      `--collector.netdev.device-exclude=${VIRTUAL_DEVICES}`,
      `--collector.netclass.ignored-devices=${VIRTUAL_DEVICES}`,
      `--web.listen-address=${listenHost}:${port}`,
    ],
    ports: [
      {
        name: "metrics",
        containerPort: port,
        // On the Docker host's network there is nothing to publish: node-exporter listens on the host itself.
        ...(listenHost === "" ? { hostPortKey: "nodeExporter" } : {}),
        purpose: "host metrics, scraped over the private network; published only if `ports.nodeExporter` is set (never on the host's network)",
        url: { scheme: "http", path: "/metrics" },
      },
    ],
    healthCheck: { port, path: "/", intervalSeconds: 15, failureThreshold: 4, startSeconds: 10 },
    resources: NODE_EXPORTER_RESOURCES,
    hostMounts: [
      { hostPath: "/proc", mountPath: "/host/proc" },
      { hostPath: "/sys", mountPath: "/host/sys" },
      { hostPath: "/", mountPath: "/host/root" },
    ],
    perNode: true,
    hostNetwork,
    metrics: { port, path: "/metrics" },
    // On Docker's host network it binds to host.docker.internal, which the container must resolve.
    reachesHost: hostNetwork && config.target === "docker",
  });
}
