import { afterEach, describe, expect, test } from "vitest";
import { createServer, type Server } from "node:net";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { checkDocker, checkHostPorts, checkPulumiCli, portsHeldByStack, PULUMI_CLI_FLOOR } from "../../cli/preflight/checks.ts";
import { preflight } from "../../cli/preflight/run.ts";
import { PreconditionError } from "../../cli/commandLine/run.ts";
import { fakeExec } from "../support/cli/fakeExec.ts";
import { freePort } from "../../cli/local/processes.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

function occupy(port: number): Promise<void> {
  return new Promise((resolve) => {
    const server = createServer();
    servers.push(server);
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

describe("Pulumi CLI", () => {
  test("missing: says how to install it", async () => {
    const check = await checkPulumiCli(fakeExec({}), "3.248.0");
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("not on PATH");
    expect(check.fix).toContain("get.pulumi.com");
  });

  test("present: reports its version", async () => {
    const check = await checkPulumiCli(fakeExec({ "pulumi version": { stdout: "v3.250.1\n" } }), "3.248.0");
    expect(check).toMatchObject({ ok: true, detail: "pulumi v3.250.1" });
  });

  test("older than the SDK but not below the floor: a warning that does not stop up", async () => {
    const check = await checkPulumiCli(fakeExec({ "pulumi version": { stdout: `v${PULUMI_CLI_FLOOR}\n` } }), "3.248.0");
    expect(check).toMatchObject({ ok: false, warning: true });
    expect(check.fix).toContain("--version 3.248.0");
  });

  test.each(["v3.207.0", "v3.188.0", "v3.100.0", "v2.25.2"])("%s, below the floor: fails with the upgrade command", async (version) => {
    const check = await checkPulumiCli(fakeExec({ "pulumi version": { stdout: `${version}\n` } }), "3.248.0");
    expect(check.ok).toBe(false);
    expect(check.warning).toBeUndefined();
    expect(check.detail).toContain(`older than ${PULUMI_CLI_FLOOR}`);
    expect(check.fix).toContain("get.pulumi.com | sh -s -- --version 3.248.0");
  });

  test("the floor is the newest version any feature the program uses needs", () => {
    // replaceWith needs 3.207.0 in the SDK, replacementTrigger 3.208.0 in the engine.
    expect(PULUMI_CLI_FLOOR).toBe("3.208.0");
  });
});

describe("Docker", () => {
  test("no docker CLI", async () => {
    const check = await checkDocker(fakeExec({}));
    expect(check).toMatchObject({ ok: false });
    expect(check.fix).toContain("docs.docker.com");
  });

  test("daemon not running: says to start it", async () => {
    const check = await checkDocker(
      fakeExec({ "docker version": { exitCode: 1, stderr: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock." } }),
    );
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("Cannot connect to the Docker daemon");
    expect(check.fix).toContain("Start Docker Desktop");
  });

  test("running", async () => {
    expect(await checkDocker(fakeExec({ "docker version": { stdout: "28.2.2\n" } }))).toMatchObject({ ok: true, detail: "Docker Engine 28.2.2" });
  });
});

describe("host ports", () => {
  test("a port taken by another program fails, naming the key and how to find the program", async () => {
    const port = await freePort();
    await occupy(port);
    const config = parseStackConfig({ values: { ports: { grafana: port } }, secrets: {} }, STACK_FACTS);
    const checks = await checkHostPorts(describeStack(config), config, new Map());
    const grafana = checks.find((check) => check.name.includes(`:${port} `))!;
    expect(grafana.ok).toBe(false);
    expect(grafana.detail).toContain("already in use");
    expect(grafana.fix).toContain(`lsof -i :${port}`);
    expect(grafana.fix).toContain("llmobs:ports.grafana");
  });

  test("a port held by this stack's own running container is fine", async () => {
    const port = await freePort();
    await occupy(port);
    const config = parseStackConfig({ values: { ports: { grafana: port } }, secrets: {} }, STACK_FACTS);
    const checks = await checkHostPorts(describeStack(config), config, new Map([[port, "llmobs-grafana"]]));
    expect(checks.every((check) => check.ok)).toBe(true);
  });

  test("the stack's own ports are read from docker ps", async () => {
    const held = await portsHeldByStack(
      fakeExec({ "docker ps": { stdout: "llmobs-grafana\t127.0.0.1:3005->3000/tcp\nllmobs-jaeger\t127.0.0.1:4317->4317/tcp, 127.0.0.1:16686->16686/tcp\n" } }),
      "llmobs",
    );
    expect([...held.entries()].sort()).toEqual([
      [16686, "llmobs-jaeger"],
      [3005, "llmobs-grafana"],
      [4317, "llmobs-jaeger"],
    ]);
  });
});

test("preflight fails before anything changes, listing every failed check", async () => {
  const port = await freePort();
  await occupy(port);
  const config = parseStackConfig({ values: { ports: { prometheus: port } }, secrets: {} }, STACK_FACTS);
  const printed: string[] = [];
  const exec = fakeExec({ "docker version": { exitCode: 1, stderr: "Cannot connect" } });
  const error = await preflight(config, exec, (line) => printed.push(line)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PreconditionError);
  expect((error as Error).message).toContain("3 checks failed; nothing was changed");
  expect(printed.join("\n")).toMatch(/FAIL Pulumi CLI/);
  expect(printed.join("\n")).toMatch(/FAIL Docker/);
  // The ports are still checked when Docker is down, so every problem shows at once.
  expect(printed.join("\n")).toMatch(new RegExp(`FAIL port 127.0.0.1:${port} \\(Prometheus http\\)`));
  expect(exec.calls.some((call) => call.startsWith("pulumi up"))).toBe(false);
});
