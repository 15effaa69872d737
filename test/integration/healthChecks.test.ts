import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import type { ComponentName } from "../../config/components.ts";
import type { StackDescription } from "../../components/types.ts";
import { fastConfig } from "../support/grafana/dashboards.ts";
import { freePort } from "../../cli/local/processes.ts";
import { localArgs, startComponent, type Placement, type RunningComponent } from "../../cli/local/startComponent.ts";
import { startJaeger } from "../support/jaeger/localJaeger.ts";
import { componentOf } from "../../cli/local/prometheus.ts";
import type { ToolName } from "../../cli/tools/installed.ts";

/**
 * Each component's health check, exactly as its description declares it (port, path, ready path, start
 * time, timeout), against the pinned process started with the description's own arguments.
 */
const dir = mkdtempSync(join(tmpdir(), "llmobs-health-"));
let stack: StackDescription;
const running: RunningComponent[] = [];

beforeAll(() => {
  stack = describeStack(fastConfig());
  writeRenderedFiles(renderedFiles(stack), join(dir, "rendered"));
});

afterAll(async () => Promise.all(running.map((process) => process.stop())));

async function placementFor(name: ComponentName): Promise<Placement> {
  const ports: Record<number, number> = {};
  for (const port of componentOf(stack, name).ports) ports[port.containerPort] = await freePort();
  return { renderDir: join(dir, name === "jaeger" ? "local" : "rendered"), dataDir: join(dir, `${name}-data`), ports };
}

const TOOLS: [ComponentName, ToolName][] = [
  ["prometheus", "prometheus"],
  ["alertmanager", "alertmanager"],
  ["node-exporter", "node_exporter"],
  ["jaeger", "jaeger"],
];

describe.each(TOOLS)("%s", (name, tool) => {
  test("runs with its description's arguments, only paths and listen addresses moved", async () => {
    const component = componentOf(stack, name);
    const args = localArgs(component, await placementFor(name));
    expect(args).toHaveLength(component.args.length);
    args.forEach((arg, index) => {
      const declared = component.args[index]!;
      if (arg === declared) return;
      const [flag, value] = [declared.slice(0, declared.indexOf("=")), declared.slice(declared.indexOf("=") + 1)];
      expect(arg.startsWith(`${flag}=`), arg).toBe(true);
      const hostMount = component.hostMounts.find((mount) => mount.mountPath === value);
      expect(arg.slice(flag.length + 1)).toEqual(hostMount ? hostMount.hostPath : expect.stringMatching(/^(\/|127\.0\.0\.1:)\S+/));
    });
  });

  test("answers its health check on the declared port and path within its start time, each probe within its timeout", async () => {
    const component = componentOf(stack, name);
    const health = component.healthCheck;
    expect(component.ports.map((port) => port.containerPort)).toContain(health.port);
    const placement = await placementFor(name);
    const process =
      name === "jaeger" ? await startJaeger(stack, { ...placement, dataDir: placement.dataDir!, queryGrpcPort: await freePort() }) : await startComponent(tool, component, placement);
    running.push(process);
    expect(process.healthySeconds).toBeLessThan(health.startSeconds);
    // Kubernetes' probes send GET; Docker's check (`wget --spider`) may send HEAD.
    for (const path of [health.path, health.readyPath].filter((p): p is string => p !== undefined)) {
      for (const method of ["GET", "HEAD"]) {
        const response = await fetch(`${process.urlOf(health.port)}${path}`, { method, signal: AbortSignal.timeout(health.timeoutSeconds * 1000) });
        expect(response.status, `${method} ${path}`).toBe(200);
      }
    }
  });
});
