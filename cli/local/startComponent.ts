import type { ComponentDescription, SecretName } from "../../components/types.ts";
import { join } from "node:path";
import { startProcess, waitFor, type RunningProcess } from "./processes.ts";
import { requireTool, type ToolName } from "../tools/installed.ts";

/**
 * Where a component's container file system and ports are on this machine: the rendered files under
 * `renderDir/<component>/`, the data volume in `dataDir`, each secret in a file, each container port on a
 * loopback port, and host mounts at the host paths they mount.
 */
export interface Placement {
  /** Where writeRenderedFiles put the stack's files. */
  renderDir: string;
  dataDir?: string;
  /** Loopback port for each container port the process listens on. */
  ports: Record<number, number>;
  secretFiles?: Partial<Record<SecretName, string>>;
  /** What the target would set in the container's environment for this replica (its name, its address). */
  env?: Record<string, string>;
}

/** The local path for a path inside the container, or undefined when the container path is none we know. */
export function localPath(component: ComponentDescription, placement: Placement, containerPath: string): string | undefined {
  const mounts: [string, string | undefined][] = [
    ...component.configFiles.map((file): [string, string] => [file.mountPath, join(placement.renderDir, component.name, file.path)]),
    ...component.secretFiles.map((file): [string, string | undefined] => [file.mountPath, placement.secretFiles?.[file.secret]]),
    ...component.hostMounts.map((mount): [string, string] => [mount.mountPath, mount.hostPath]),
    ...(component.data ? [[component.data.mountPath, placement.dataDir] as [string, string | undefined]] : []),
  ];
  for (const [mountPath, local] of mounts.sort(([a], [b]) => b.length - a.length)) {
    if (containerPath !== mountPath && !containerPath.startsWith(`${mountPath.replace(/\/$/, "")}/`)) continue;
    if (!local) throw new Error(`${component.name}: nothing placed for ${mountPath}`);
    const rest = containerPath.slice(mountPath.replace(/\/$/, "").length);
    return (local.replace(/\/$/, "") + rest) || "/";
  }
  return undefined;
}

/** "0.0.0.0:9090" or ":9090" as "127.0.0.1:<its loopback port>"; undefined for anything else. */
export function loopbackAddress(component: ComponentDescription, placement: Placement, address: string): string | undefined {
  const match = /^(?:0\.0\.0\.0)?:(\d+)$/.exec(address);
  if (!match) return undefined;
  const port = placement.ports[Number(match[1])];
  if (port === undefined) throw new Error(`${component.name} listens on ${address}, which has no loopback port placed`);
  return `127.0.0.1:${port}`;
}

/** The description's arguments, each container path and listen address moved to its placement; nothing else changes. */
export function localArgs(component: ComponentDescription, placement: Placement): string[] {
  return component.args.map((arg) => {
    const equals = arg.indexOf("=");
    if (!arg.startsWith("--") || equals < 0) return arg;
    const [flag, value] = [arg.slice(0, equals), arg.slice(equals + 1)];
    const moved = (flag.endsWith("listen-address") && value !== "" ? loopbackAddress(component, placement, value) : undefined) ?? localPath(component, placement, value);
    return moved === undefined ? arg : `${flag}=${moved}`;
  });
}

export interface RunningComponent extends RunningProcess {
  /** http://127.0.0.1:<loopback port> for a container port. */
  urlOf(containerPort: number): string;
  /** How long the health check took to first answer, in seconds. */
  healthySeconds: number;
}

/**
 * Runs a pinned tool as the component's description runs it (see localArgs), and waits for its health
 * check as the description declares it: an HTTP GET on the health port and path (and the ready path)
 * answers 2xx within the start time, each request within the probe's timeout.
 */
export async function startComponent(
  tool: ToolName,
  component: ComponentDescription,
  placement: Placement,
  args: string[] = localArgs(component, placement),
): Promise<RunningComponent> {
  const process = startProcess(requireTool(tool), args, placement.env);
  const urlOf = (containerPort: number) => {
    const port = placement.ports[containerPort];
    if (port === undefined) throw new Error(`${component.name}: no loopback port placed for ${containerPort}`);
    return `http://127.0.0.1:${port}`;
  };
  const health = component.healthCheck;
  const started = Date.now();
  try {
    await waitFor(
      `${component.title}'s health check (${health.path}${health.readyPath ? ` and ${health.readyPath}` : ""} on ${health.port}) within its ${health.startSeconds} s start time`,
      async () => {
        if (process.child.exitCode !== null) throw new Error(`${component.title} exited with ${process.child.exitCode}`);
        for (const path of [health.path, health.readyPath].filter((p): p is string => p !== undefined)) {
          const response = await fetch(`${urlOf(health.port)}${path}`, { signal: AbortSignal.timeout(health.timeoutSeconds * 1000) });
          if (!response.ok) return undefined;
        }
        return true;
      },
      { timeoutMs: health.startSeconds * 1000, context: process.output },
    );
  } catch (error) {
    await process.stop();
    throw error;
  }
  return { ...process, urlOf, healthySeconds: (Date.now() - started) / 1000 };
}

/**
 * A parsed config file with every container path and listen address in it moved like the arguments
 * ("0.0.0.0:4317", or a `host: 0.0.0.0` beside a `port`); nothing else changes.
 */
export function localConfig(component: ComponentDescription, placement: Placement, document: unknown): unknown {
  const move = (value: unknown): unknown => {
    if (typeof value === "string") return loopbackAddress(component, placement, value) ?? localPath(component, placement, value) ?? value;
    if (Array.isArray(value)) return value.map(move);
    if (value && typeof value === "object") {
      const entries = Object.entries(value).map(([key, inner]) => [key, move(inner)] as const);
      const object = Object.fromEntries(entries) as Record<string, unknown>;
      if (object.host === "0.0.0.0" && typeof object.port === "number") {
        const [host, port] = loopbackAddress(component, placement, `:${object.port}`)!.split(":");
        return { ...object, host, port: Number(port) };
      }
      return object;
    }
    return value;
  };
  return move(document);
}
