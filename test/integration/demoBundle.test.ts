import { afterAll, beforeAll, expect, test } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDemoBundle, demoBundle } from "../../components/demo/bundle.ts";
import { REPO_ROOT } from "../support/cli/runScript.ts";
import { nameOf } from "../../metrics/catalog/metrics.ts";

/**
 * The demo's bundle exactly as the stack ships it, run by `node` as the container runs it (outside the
 * repository, so nothing but the one file is there), on loopback with no stack to send to.
 */
let dir: string;
let child: ChildProcess;
let url: string;
const output: string[] = [];
let exited: Promise<number | null>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "llmobs-demo-bundle-"));
  const file = join(dir, "demo.mjs");
  writeFileSync(file, demoBundle());
  child = spawn(
    process.execPath,
    [file, "--host=127.0.0.1", "--port=0", "--rate=20", "--prometheus=http://127.0.0.1:9", "--otlp=http://127.0.0.1:9", "--service-name=llm-demo", "--export-interval=60"],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no metrics URL in 15 s:\n${output.join("")}`)), 15_000);
    child.stdout!.on("data", () => {
      const found = /metrics\s+(http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(output.join(""));
      if (found) (clearTimeout(timer), resolve(found[1]!));
    });
    child.once("exit", (code) => reject(new Error(`exited ${code}:\n${output.join("")}`)));
  });
}, 30_000);

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

test("the same bytes on every render, naming nothing of the machine or checkout it was built in", () => {
  const bundle = demoBundle();
  expect(buildDemoBundle()).toBe(bundle);
  expect(bundle).not.toContain(REPO_ROOT.replace(/\/$/, ""));
  expect(bundle).not.toContain("node_modules");
  expect(bundle).not.toMatch(/[^\x00-\x7f]/);
  // Neither the config's parser nor the dashboards' SDK is in it.
  expect(bundle).not.toContain("zod");
  expect(bundle).not.toContain("grafana-foundation-sdk");
  expect(Buffer.byteLength(bundle)).toBeLessThan(400_000);
});

test("answers /healthz", async () => {
  const response = await fetch(`${url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.text()).toBe("ok\n");
});

test("serves seed 004's metrics, with trace ids as exemplars", async () => {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const text = await (await fetch(`${url}/metrics`, { headers: { Accept: "application/openmetrics-text" } })).text();
  const duration = nameOf("usage", "duration");
  expect(text).toContain(`${duration}_bucket{`);
  expect(text).toMatch(new RegExp(`${duration}_bucket\\{[^}]*\\} \\d+ # \\{trace_id="[0-9a-f]{32}"\\}`));
});

test("switches a fault on and off", async () => {
  const on = await fetch(`${url}/faults/service-down`, { method: "PUT" });
  expect(await on.json()).toEqual({ active: ["service-down"] });
  expect((await fetch(`${url}/metrics`)).status).toBe(503);
  await fetch(`${url}/faults/service-down`, { method: "DELETE" });
  expect((await fetch(`${url}/metrics`)).status).toBe(200);
  expect((await fetch(`${url}/faults/boom`, { method: "PUT" })).status).toBe(404);
});

test("stops on SIGTERM, flushing within its limit, and exits 0", async () => {
  const started = Date.now();
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(output.join("")).toContain("SIGTERM: stopping");
}, 15_000);
