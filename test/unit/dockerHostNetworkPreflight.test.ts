import { afterEach, describe, expect, test } from "vitest";
import { createServer, type Server } from "node:net";
import { parseStackConfig } from "../../config/parse.ts";
import { checkDockerHostNetwork, checkDockerNodeExporterPort } from "../../cli/preflight/dockerHostNetwork.ts";
import { freePort } from "../../cli/local/processes.ts";
import { fakeExec } from "../support/cli/fakeExec.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const docker = (nodeExporter: Record<string, unknown> = {}) => parseStackConfig({ values: { nodeExporter }, secrets: {} }, STACK_FACTS);
const engine = (info: Record<string, unknown>) => fakeExec({ "docker info": { stdout: JSON.stringify(info) } });
const LINUX = { OperatingSystem: "Ubuntu 24.04.1 LTS", SecurityOptions: ["name=apparmor", "name=seccomp,profile=builtin"] };
const DESKTOP = { OperatingSystem: "Docker Desktop", SecurityOptions: ["name=seccomp,profile=unconfined"] };
const ROOTLESS = { OperatingSystem: "Debian GNU/Linux 12 (bookworm)", SecurityOptions: ["name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"] };

describe("node-exporter on the Docker host's network", () => {
  test("on a Linux engine: this machine's traffic", async () => {
    expect(await checkDockerHostNetwork(engine(LINUX), docker({ hostNetwork: true }))).toMatchObject({ ok: true, detail: expect.stringContaining("this machine's traffic") });
  });

  test("on Docker Desktop or rootless Docker: fails, the host network is not this machine's", async () => {
    const desktop = await checkDockerHostNetwork(engine(DESKTOP), docker({ hostNetwork: true }));
    expect(desktop).toMatchObject({ ok: false, detail: expect.stringContaining("Docker Desktop runs its engine in a virtual machine") });
    expect(desktop!.warning).toBeUndefined();
    expect(desktop!.fix).toContain("pulumi config rm --path llmobs:nodeExporter.hostNetwork");
    expect(await checkDockerHostNetwork(engine(ROOTLESS), docker({ hostNetwork: true }))).toMatchObject({ ok: false, detail: expect.stringContaining("rootless Docker") });
  });

  test("left unset on a Linux engine: a hint, since the network panel shows the container's traffic", async () => {
    const check = await checkDockerHostNetwork(engine(LINUX), docker());
    expect(check).toMatchObject({ ok: false, warning: true });
    expect(check!.fix).toContain("pulumi config set --path llmobs:nodeExporter.hostNetwork true");
    expect(await checkDockerHostNetwork(engine(LINUX), docker({ hostNetwork: false }))).toMatchObject({ ok: true });
    expect(await checkDockerHostNetwork(engine(DESKTOP), docker())).toMatchObject({ ok: true });
  });

  test("left out, or the engine does not say: nothing, or a warning", async () => {
    expect(await checkDockerHostNetwork(engine(LINUX), docker({ enabled: false }))).toBeUndefined();
    expect(await checkDockerHostNetwork(fakeExec({}), docker({ hostNetwork: true }))).toMatchObject({ ok: false, warning: true });
  });
});

describe("node-exporter's port on this machine", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  test("taken by another program (a node-exporter installed on the host): fails, naming the key to move it", async () => {
    const port = await freePort();
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(port, "0.0.0.0", resolve));
    const check = await checkDockerNodeExporterPort(fakeExec({ "docker ps": { stdout: "" } }), docker({ hostNetwork: true, port }));
    expect(check).toMatchObject({ ok: false, detail: expect.stringContaining("already in use on this machine") });
    expect(check!.fix).toContain("llmobs:nodeExporter.port");
  });

  test("held by the stack's own node-exporter, or free: fine; off the host's network: nothing to check", async () => {
    const port = await freePort();
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(port, "0.0.0.0", resolve));
    const own = fakeExec({ "docker ps": { stdout: "llmobs-node-exporter\n" } });
    expect(await checkDockerNodeExporterPort(own, docker({ hostNetwork: true, port }))).toMatchObject({ ok: true, detail: "held by llmobs-node-exporter, which this stack manages" });
    const free = await freePort();
    expect(await checkDockerNodeExporterPort(fakeExec({ "docker ps": { stdout: "" } }), docker({ hostNetwork: true, port: free }))).toMatchObject({ ok: true, detail: "free" });
    expect(await checkDockerNodeExporterPort(fakeExec({}), docker())).toBeUndefined();
  });
});
