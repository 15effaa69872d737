import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import type { ComponentDescription } from "../../components/types.ts";
import { requireSecret, type StackSecrets } from "../secrets.ts";
import { DOCKER_HOST_NAME } from "../../components/context.ts";
import { readyBudgetSeconds } from "../../components/startBudget.ts";
import { containerName, LABELS } from "./naming.ts";
import { dataVolumeName } from "../dataVolumeName.ts";
import { dockerLimits } from "./limits.ts";
import { secretFileAccess, secretFilesReadableTest } from "./secretFileAccess.ts";

export interface DockerComponentArgs {
  description: ComponentDescription;
  namePrefix: string;
  /** Host address published ports bind to. */
  bindAddress: string;
  network: docker.Network;
  secrets: StackSecrets;
}

/**
 * One component on Docker: its pinned image, its named data volume (kept when the stack is destroyed),
 * and its container with config files uploaded from code, a health check and published ports.
 */
export class DockerComponent extends pulumi.ComponentResource {
  readonly container: docker.Container;
  readonly volume?: docker.Volume;

  constructor(name: string, args: DockerComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("llmobs:docker:Component", name, {}, opts);
    const { description: d, namePrefix, bindAddress, network, secrets } = args;
    // The config refuses replicas on Docker (config/replicaChecks.ts): one container per component, one machine.
    if (d.replicas !== 1) throw new Error(`${d.title}: the Docker target runs one replica, not ${d.replicas}; replicas need the cluster target`);
    const labels = (extra: Record<string, string> = {}) =>
      Object.entries({ [LABELS.stack]: namePrefix, [LABELS.component]: d.name, ...extra }).map(([label, value]) => ({
        label,
        value,
      }));

    const image = new docker.RemoteImage(`${name}-image`, { name: d.image, keepLocally: true }, { parent: this });

    if (d.data) {
      this.volume = new docker.Volume(
        `${name}-data`,
        {
          name: dataVolumeName(namePrefix, d.name, d.data.epoch),
          labels: labels({ [LABELS.epoch]: String(d.data.epoch) }),
        },
        {
          parent: this,
          // Data outlives `pulumi destroy` and config changes; only `npm run data -- reset|clean` removes it.
          retainOnDelete: true,
          replacementTrigger: d.data.epoch,
        },
      );
    }

    const health = d.healthCheck;
    const limits = dockerLimits(d.resources);
    const secretAccess = secretFileAccess(d);
    // On the host's network the component listens only where containers reach the host, not on loopback.
    const probeHost = d.hostNetwork ? DOCKER_HOST_NAME : "127.0.0.1";
    const probe = ["wget", "-q", "--spider", "-T", String(health.timeoutSeconds), `http://${probeHost}:${health.port}${health.path}`];
    const secretsReadable = secretFilesReadableTest(d);
    const healthTest = secretsReadable ? ["CMD-SHELL", `${secretsReadable} && ${probe.join(" ")}`] : ["CMD", ...probe];
    this.container = new docker.Container(
      name,
      {
        name: containerName(namePrefix, d.name),
        image: image.imageId,
        command: d.args,
        envs: Object.entries(d.env).map(([key, value]) => `${key}=${value}`),
        user: `${d.runAs.user}:${d.runAs.group}`,
        ports: d.ports
          .filter((port) => port.hostPort !== undefined)
          .map((port) => ({
            internal: port.containerPort,
            external: port.hostPort,
            ip: bindAddress,
            protocol: port.protocol.toLowerCase(),
          })),
        mounts: [
          ...(this.volume && d.data ? [{ type: "volume", source: this.volume.name, target: d.data.mountPath }] : []),
          ...d.hostMounts.map((mount) => ({
            type: "bind",
            source: mount.hostPath,
            target: mount.mountPath,
            // No bind propagation: Docker Desktop, WSL2 and rootless Docker refuse rslave on / ("not a shared
            // or slave mount"). The cost: file systems mounted on the host after the container starts go unseen.
            readOnly: true,
          })),
        ],
        // Files are copied in at creation, so a changed file shows in the preview and replaces the container.
        uploads: [
          ...d.configFiles.map((file) => ({ file: file.mountPath, content: file.content })),
          ...d.secretFiles.map((file) => ({
            file: file.mountPath,
            content: requireSecret(secrets, file.secret),
            owner: secretAccess.owner,
            group: secretAccess.group,
            permissions: secretAccess.permissions,
          })),
        ],
        ...(secretAccess.groupAdds.length > 0 ? { groupAdds: secretAccess.groupAdds } : {}),
        healthcheck: {
          tests: healthTest,
          interval: `${health.intervalSeconds}s`,
          timeout: `${health.timeoutSeconds}s`,
          retries: health.failureThreshold,
          startPeriod: `${health.startSeconds}s`,
        },
        restart: "unless-stopped",
        // On the host's network a container joins no other network; the stack reaches it at host.docker.internal.
        ...(d.hostNetwork ? { networkMode: "host" } : { networksAdvanced: [{ name: network.name, aliases: [d.name] }] }),
        hosts: d.reachesHost ? [{ host: DOCKER_HOST_NAME, ip: "host-gateway" }] : [],
        ...(d.perNode ? { pidMode: "host" } : {}),
        cpus: limits.cpus,
        memory: limits.memory,
        memoryReservation: limits.memoryReservation,
        labels: labels(),
        // `pulumi up` waits for the health check, so a component that cannot start fails the update.
        wait: true,
        waitTimeout: readyBudgetSeconds(health) + 30,
      },
      {
        parent: this,
        // The container name and host ports are fixed, so the old container must go before the new one starts.
        deleteBeforeReplace: true,
        ...(this.volume ? { replaceWith: [this.volume] } : {}),
      },
    );
    this.registerOutputs({ container: this.container.name });
  }
}
