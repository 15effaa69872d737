import { requireTool } from "./tools.ts";
import { startProcess, waitFor, type RunningProcess } from "./processes.ts";

export interface RunningPrometheus extends RunningProcess {
  url: string;
}

/** Debian's Prometheus on 127.0.0.1, from a config file, ready to answer queries. */
export async function startPrometheus(options: {
  configFile: string;
  dataDir: string;
  port: number;
  extraArgs?: string[];
}): Promise<RunningPrometheus> {
  const binary = requireTool("prometheus");
  const process = startProcess(binary, [
    `--config.file=${options.configFile}`,
    `--storage.tsdb.path=${options.dataDir}`,
    `--web.listen-address=127.0.0.1:${options.port}`,
    ...(options.extraArgs ?? []),
  ]);
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(
    "Prometheus to be ready",
    async () => {
      if (process.child.exitCode !== null) throw new Error(`Prometheus exited:\n${process.output()}`);
      const response = await fetch(`${url}/-/ready`);
      return response.ok ? true : undefined;
    },
    { context: process.output },
  );
  return { ...process, url };
}

/** Debian's node-exporter on 127.0.0.1 (no systemd collector: there is no systemd here). */
export async function startNodeExporter(port: number): Promise<RunningProcess & { url: string }> {
  const binary = requireTool("node_exporter", "prometheus-node-exporter");
  const process = startProcess(binary, [`--web.listen-address=127.0.0.1:${port}`, "--no-collector.systemd"]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    "node-exporter to serve metrics",
    async () => {
      if (process.child.exitCode !== null) throw new Error(`node-exporter exited:\n${process.output()}`);
      return (await fetch(`${url}/metrics`)).ok ? true : undefined;
    },
    { context: process.output },
  );
  return { ...process, url };
}

/** Debian's Alertmanager on 127.0.0.1, alone (no cluster gossip). */
export async function startAlertmanager(options: { configFile: string; dataDir: string; port: number }): Promise<RunningProcess & { url: string }> {
  const binary = requireTool("alertmanager", "prometheus-alertmanager");
  const process = startProcess(binary, [
    `--config.file=${options.configFile}`,
    `--storage.path=${options.dataDir}`,
    `--web.listen-address=127.0.0.1:${options.port}`,
    "--cluster.listen-address=",
  ]);
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(
    "Alertmanager to be ready",
    async () => {
      if (process.child.exitCode !== null) throw new Error(`Alertmanager exited:\n${process.output()}`);
      return (await fetch(`${url}/-/ready`)).ok ? true : undefined;
    },
    { context: process.output },
  );
  return { ...process, url };
}
