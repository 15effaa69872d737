import { isComponentName, type ComponentName } from "../../config/components.ts";
import { LABELS } from "../../targets/docker/naming.ts";
import type { Exec } from "../preflight/exec.ts";
import { parseDockerSize, type ComponentState, type DataPlatform, type DataVolume } from "./platform.ts";

async function docker(exec: Exec, args: string[]): Promise<string> {
  const result = await exec("docker", args, 120_000);
  if (result.missing) throw new Error("docker is not installed or not on PATH");
  if (result.exitCode !== 0) throw new Error(`docker ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/** `--filter label=<label>=<value>` for each label: how `docker volume ls` and `docker ps` pick the stack's objects. */
function labelFilters(labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([label, value]) => ["--filter", `label=${label}=${value}`]);
}

/** Volume sizes from `docker system df -v`, which is Docker's own accounting. */
async function volumeSizes(exec: Exec): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const output = await docker(exec, ["system", "df", "-v", "--format", "{{json .}}"]).catch(() => "");
  for (const line of output.split("\n").filter(Boolean)) {
    let parsed: { Volumes?: { Name?: string; Size?: string }[] };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      continue;
    }
    for (const volume of parsed.Volumes ?? []) {
      const bytes = volume.Size ? parseDockerSize(volume.Size) : undefined;
      if (volume.Name && bytes !== undefined) sizes.set(volume.Name, bytes);
    }
  }
  return sizes;
}

/** The stack's data on the local Docker engine, found by the labels the Docker renderer puts on it. */
export function dockerPlatform(exec: Exec, namePrefix: string): DataPlatform {
  return {
    where: "Docker",
    volumeKind: "Docker volume",
    async volumes(component: ComponentName): Promise<DataVolume[]> {
      const labels = labelFilters({ [LABELS.stack]: namePrefix, [LABELS.component]: component });
      const output = await docker(exec, ["volume", "ls", ...labels, "--format", `{{.Name}}\t{{.Label "${LABELS.epoch}"}}`]);
      const lines = output.split("\n").filter(Boolean);
      const sizes = lines.length > 0 ? await volumeSizes(exec) : new Map<string, number>();
      return lines.map((line) => {
        const [name, epoch] = line.split("\t") as [string, string | undefined];
        const bytes = sizes.get(name);
        return { name, epoch: Number(epoch ?? 0) || 0, ...(bytes !== undefined ? { bytes } : {}) };
      });
    },
    async deleteVolume(volume: DataVolume): Promise<void> {
      await docker(exec, ["volume", "rm", volume.name]);
    },
    async status(): Promise<ComponentState[]> {
      const labels = labelFilters({ [LABELS.stack]: namePrefix });
      const output = await docker(exec, ["ps", "--all", ...labels, "--format", `{{.Label "${LABELS.component}"}}\t{{.State}}\t{{.Status}}`]);
      return output
        .split("\n")
        .filter(Boolean)
        .flatMap((line) => {
          const [component, state, status] = line.split("\t") as [string, string, string];
          if (!isComponentName(component)) return [];
          return [{ component, running: state === "running", healthy: /\(healthy\)/.test(status), detail: status }];
        });
    },
  };
}
