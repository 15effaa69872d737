import { join } from "node:path";
import type { ComponentDescription, StackDescription } from "../../components/types.ts";
import type { ComponentName } from "../../config/components.ts";
import { PROMETHEUS_PORT } from "../../components/prometheus/description.ts";
import { ALERTMANAGER_PORT } from "../../components/alertmanager/description.ts";
import { startComponent, type RunningComponent } from "./startComponent.ts";

export interface RunningPrometheus extends RunningComponent {
  url: string;
}

export function componentOf(stack: StackDescription, name: ComponentName): ComponentDescription {
  const component = stack.components.find((candidate) => candidate.name === name);
  if (!component) throw new Error(`the stack has no ${name}`);
  return component;
}

/**
 * The pinned Prometheus on 127.0.0.1, run with its description's arguments from the files the stack
 * rendered into `renderDir` (writeRenderedFiles), data in `dataDir` (default renderDir/data), `env` as a
 * replica's container would have it, ready once its health check answers.
 */
export async function startPrometheus(options: {
  stack: StackDescription;
  renderDir: string;
  port: number;
  dataDir?: string;
  env?: Record<string, string>;
}): Promise<RunningPrometheus> {
  const running = await startComponent("prometheus", componentOf(options.stack, "prometheus"), {
    renderDir: options.renderDir,
    dataDir: options.dataDir ?? join(options.renderDir, "data"),
    ports: { [PROMETHEUS_PORT]: options.port },
    ...(options.env ? { env: options.env } : {}),
  });
  return { ...running, url: running.urlOf(PROMETHEUS_PORT) };
}

/** The pinned node_exporter on 127.0.0.1 with its description's flags, reading this machine's /proc, /sys and /. */
export async function startNodeExporter(stack: StackDescription, port: number): Promise<RunningComponent & { url: string }> {
  const description = componentOf(stack, "node-exporter");
  const listens = description.healthCheck.port;
  const running = await startComponent("node_exporter", description, { renderDir: "", ports: { [listens]: port } });
  return { ...running, url: running.urlOf(listens) };
}

/** The pinned Alertmanager on 127.0.0.1 with its description's arguments (alone: no cluster gossip) and the rendered config. */
export async function startAlertmanager(options: { stack: StackDescription; renderDir: string; port: number; dataDir: string }): Promise<RunningComponent & { url: string }> {
  const running = await startComponent("alertmanager", componentOf(options.stack, "alertmanager"), {
    renderDir: options.renderDir,
    dataDir: options.dataDir,
    ports: { [ALERTMANAGER_PORT]: options.port },
  });
  return { ...running, url: running.urlOf(ALERTMANAGER_PORT) };
}
