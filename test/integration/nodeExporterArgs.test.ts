import { afterAll, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { requireTool } from "../../cli/tools/installed.ts";
import { freePort, startProcess, waitFor, type RunningProcess } from "../../cli/local/processes.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * node-exporter started with exactly the arguments the description gives it (its host paths pointed at this
 * machine's, its listen address at loopback): a misspelt flag or a regular expression Go cannot compile
 * stops it, which mocks would never show.
 */
const running: RunningProcess[] = [];
afterAll(async () => Promise.all(running.map((process) => process.stop())));

const HOST_PATHS: Record<string, string> = { "/host/proc": "/proc", "/host/sys": "/sys", "/host/root": "/" };

function onThisMachine(arg: string, port: number): string {
  if (arg.startsWith("--web.listen-address=")) return `--web.listen-address=127.0.0.1:${port}`;
  const [flag, value] = arg.split(/=(.*)/s) as [string, string | undefined];
  if (!flag.startsWith("--path.") || value === undefined) return arg;
  const prefix = Object.keys(HOST_PATHS).find((path) => value === path || value.startsWith(`${path}/`));
  return prefix ? `${flag}=${(HOST_PATHS[prefix]! + value.slice(prefix.length)).replace(/^\/\//, "/")}` : arg;
}

/** The sample lines of one metric, with or without labels. */
function samples(text: string, name: string): string[] {
  return text.split("\n").filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

test.each(["docker", "kubernetes"] as const)("node-exporter accepts every argument the %s description passes, and serves host metrics", async (target) => {
  const binary = requireTool("node_exporter");
  const port = await freePort();
  const d = describeStack(parseStackConfig({ values: { target }, secrets: {} }, STACK_FACTS)).components.find((c) => c.name === "node-exporter")!;
  expect(d.args.some((arg) => arg.startsWith("--path.udev.data="))).toBe(true);
  const process = startProcess(binary, d.args.map((arg) => onThisMachine(arg, port)));
  running.push(process);
  const metrics = await waitFor(
    "node-exporter to serve metrics",
    async () => {
      if (process.child.exitCode !== null) throw new Error(`node-exporter refused its arguments:\n${process.output()}`);
      const response = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => undefined);
      return response?.ok ? response.text() : undefined;
    },
    { context: process.output },
  );
  expect(samples(metrics, "node_network_receive_bytes_total").length).toBeGreaterThan(0);
  expect(samples(metrics, "node_memory_MemAvailable_bytes")).toHaveLength(1);
});
