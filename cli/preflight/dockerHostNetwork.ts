import type { StackConfig } from "../../config/schema.ts";
import { CONFIG_NAMESPACE } from "../../config/schema.ts";
import { nodeExporterOnHostNetwork } from "../../config/nodeExporterNetwork.ts";
import { containerName, LABELS } from "../../targets/docker/naming.ts";
import { canListen, type Check } from "./checks.ts";
import type { Exec } from "./exec.ts";

interface EngineInfo {
  OperatingSystem?: string;
  SecurityOptions?: string[];
}

/** Docker Desktop and rootless Docker run containers in a VM or a namespace of their own, not on this machine's network. */
function notThisMachine(info: EngineInfo): string | undefined {
  if (/docker desktop/i.test(info.OperatingSystem ?? "")) return "Docker Desktop runs its engine in a virtual machine";
  if ((info.SecurityOptions ?? []).some((option) => option.includes("name=rootless"))) return "rootless Docker runs its containers in a network namespace of its own";
  return undefined;
}

/**
 * node-exporter on the Docker host's network (`nodeExporter.hostNetwork`) counts this machine's network
 * traffic only on a Linux engine; elsewhere the "host" is Docker Desktop's VM. Off it, the Host dashboard's
 * network panel shows node-exporter's own container, which on a Linux engine is worth a hint.
 */
export async function checkDockerHostNetwork(exec: Exec, config: StackConfig): Promise<Check | undefined> {
  if (!config.nodeExporter.enabled) return undefined;
  const name = "node-exporter network";
  const result = await exec("docker", ["info", "--format", "{{json .}}"]);
  let info: EngineInfo | undefined;
  try {
    info = result.exitCode === 0 && !result.missing ? (JSON.parse(result.stdout) as EngineInfo) : undefined;
  } catch {
    info = undefined;
  }
  if (!info) return { name, ok: false, warning: true, detail: "could not ask the Docker engine what it runs on (`docker info`)" };
  const elsewhere = notThisMachine(info);
  const key = `${CONFIG_NAMESPACE}:nodeExporter.hostNetwork`;
  if (nodeExporterOnHostNetwork(config)) {
    if (elsewhere) {
      return {
        name,
        ok: false,
        detail: `${key} is true, but ${elsewhere}: its "host" network is not this machine's, and node-exporter may not be able to listen there`,
        fix: `Remove it: \`pulumi config rm --path ${key} --stack <stack>\`; the Host dashboard then says its network panel shows node-exporter's container.`,
      };
    }
    return { name, ok: true, detail: `on the host's network (${info.OperatingSystem ?? "Linux"}): the network panel shows this machine's traffic` };
  }
  if (elsewhere) return { name, ok: true, detail: `on the stack's network (${elsewhere}; its host network would not be this machine's)` };
  if (config.nodeExporter.hostNetwork === false) return { name, ok: true, detail: `on the stack's network, as ${key} says` };
  return {
    name,
    ok: false,
    warning: true,
    detail: "node-exporter runs on the stack's network: the Host dashboard's network panel shows its own container's traffic, not this machine's",
    fix: `This is a Linux engine: \`pulumi config set --path ${key} true --stack <stack>\` puts node-exporter on the host's network.`,
  };
}

/** On the host's network node-exporter listens on this machine's port itself: a host node-exporter often holds 9100. */
export async function checkDockerNodeExporterPort(exec: Exec, config: StackConfig): Promise<Check | undefined> {
  if (!config.nodeExporter.enabled || !nodeExporterOnHostNetwork(config)) return undefined;
  const port = config.nodeExporter.port;
  const name = `port ${port} (node-exporter on the host's network)`;
  const own = await exec("docker", ["ps", "--filter", `label=${LABELS.stack}=${config.namePrefix}`, "--filter", `label=${LABELS.component}=node-exporter`, "--format", "{{.Names}}"]);
  const ownName = containerName(config.namePrefix, "node-exporter");
  if (own.exitCode === 0 && own.stdout.split("\n").includes(ownName)) return { name, ok: true, detail: `held by ${ownName}, which this stack manages` };
  const error = await canListen("0.0.0.0", port);
  if (!error) return { name, ok: true, detail: "free" };
  return {
    name,
    ok: false,
    detail: error.code === "EADDRINUSE" ? "already in use on this machine (a node-exporter installed on the host listens on 9100)" : `cannot be bound: ${error.code ?? error.message}`,
    fix:
      `Find it with \`ss -ltnp 'sport = :${port}'\`; stop it, or move this stack's node-exporter: ` +
      `\`pulumi config set --path ${CONFIG_NAMESPACE}:nodeExporter.port <free port> --stack <stack>\`.`,
  };
}
