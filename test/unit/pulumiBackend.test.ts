import { afterEach, describe, expect, test } from "vitest";
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureStateDir, pulumiBackend } from "../../cli/pulumi/backend.ts";
import { stackSecretsProvider } from "../../cli/pulumi/secretsProvider.ts";
import { checkPassphrase } from "../../cli/preflight/checks.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(pulumiYaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "llmobs-backend-"));
  dirs.push(dir);
  writeFileSync(join(dir, "Pulumi.yaml"), pulumiYaml);
  return dir;
}

const FILE_BACKEND_PROJECT = "name: p\nruntime: nodejs\nbackend:\n  url: file://./.pulumi-state\n";
/** An empty PULUMI_HOME, so a `pulumi login` on this machine does not leak into a test. */
function noLogin(): string {
  const dir = mkdtempSync(join(tmpdir(), "llmobs-home-"));
  dirs.push(dir);
  return dir;
}

describe("which backend Pulumi uses", () => {
  test("Pulumi.yaml's file backend, relative to the project", () => {
    const dir = project(FILE_BACKEND_PROJECT);
    expect(pulumiBackend({ PULUMI_HOME: noLogin() }, dir)).toEqual({
      url: "file://./.pulumi-state",
      source: "Pulumi.yaml",
      kind: "file",
      stateDir: join(dir, ".pulumi-state"),
    });
  });

  test("PULUMI_BACKEND_URL wins over Pulumi.yaml", () => {
    const dir = project(FILE_BACKEND_PROJECT);
    expect(pulumiBackend({ PULUMI_BACKEND_URL: "s3://bucket/llmobs" }, dir)).toMatchObject({ kind: "object-store", source: "PULUMI_BACKEND_URL" });
    expect(pulumiBackend({ PULUMI_BACKEND_URL: "https://api.pulumi.com" }, dir)).toMatchObject({ kind: "cloud" });
    expect(pulumiBackend({ PULUMI_BACKEND_URL: "file:///var/state" }, dir)).toMatchObject({ kind: "file", stateDir: "/var/state" });
  });

  test("a PULUMI_ACCESS_TOKEN does not choose the backend", () => {
    const dir = project(FILE_BACKEND_PROJECT);
    expect(pulumiBackend({ PULUMI_ACCESS_TOKEN: "pul-123", PULUMI_HOME: noLogin() }, dir)).toMatchObject({ kind: "file" });
  });

  test("without either: the stored login, else Pulumi Cloud", () => {
    const dir = project("name: p\nruntime: nodejs\n");
    const home = noLogin();
    expect(pulumiBackend({ PULUMI_HOME: home }, dir)).toMatchObject({ kind: "cloud", source: "Pulumi's default" });
    writeFileSync(join(home, "credentials.json"), JSON.stringify({ current: "file://~" }));
    expect(pulumiBackend({ PULUMI_HOME: home }, dir)).toMatchObject({ kind: "file", source: "pulumi login" });
  });
});

describe("the file backend's directory", () => {
  test("is created when missing, and only then", () => {
    const dir = project(FILE_BACKEND_PROJECT);
    const backend = pulumiBackend({ PULUMI_HOME: noLogin() }, dir);
    expect(existsSync(join(dir, ".pulumi-state"))).toBe(false);
    expect(ensureStateDir(backend)).toBe(join(dir, ".pulumi-state"));
    expect(existsSync(join(dir, ".pulumi-state"))).toBe(true);
    expect(ensureStateDir(backend)).toBeUndefined();
  });

  test("no directory is made for other backends", () => {
    const dir = project(FILE_BACKEND_PROJECT);
    expect(ensureStateDir(pulumiBackend({ PULUMI_BACKEND_URL: "s3://bucket" }, dir))).toBeUndefined();
  });
});

describe("whether the data commands need a passphrase", () => {
  function stackFile(dir: string, text: string): string {
    mkdirSync(join(dir, "stacks"), { recursive: true });
    const path = join(dir, "stacks", "Pulumi.local.yaml");
    writeFileSync(path, text);
    return path;
  }
  const cloud = { url: "https://api.pulumi.com", source: "PULUMI_BACKEND_URL", kind: "cloud" } as const;
  const file = { url: "file://./.pulumi-state", source: "Pulumi.yaml", kind: "file", stateDir: "/x" } as const;

  test("file backend: yes, whatever tokens are set", () => {
    const dir = project(FILE_BACKEND_PROJECT);
    const provider = stackSecretsProvider(stackFile(dir, "config: {}\n"), file);
    expect(provider.kind).toBe("passphrase");
    expect(checkPassphrase({ PULUMI_ACCESS_TOKEN: "pul-1" }, provider).ok).toBe(false);
    expect(checkPassphrase({ PULUMI_CONFIG_PASSPHRASE_FILE: "/p" }, provider).ok).toBe(true);
  });

  test("Pulumi Cloud: no, unless the stack file says the stack uses a passphrase", () => {
    const dir = project(FILE_BACKEND_PROJECT);
    expect(checkPassphrase({}, stackSecretsProvider(stackFile(dir, "config: {}\n"), cloud)).ok).toBe(true);
    const salted = stackSecretsProvider(stackFile(dir, "encryptionsalt: v1:abc\nconfig: {}\n"), cloud);
    expect(checkPassphrase({}, salted)).toMatchObject({ ok: false, detail: expect.stringContaining("encryptionsalt") });
  });

  test("a KMS or Vault secrets provider: no", () => {
    const dir = project(FILE_BACKEND_PROJECT);
    const provider = stackSecretsProvider(stackFile(dir, "secretsprovider: awskms://alias/llmobs\nconfig: {}\n"), file);
    expect(checkPassphrase({}, provider)).toMatchObject({ ok: true, detail: expect.stringContaining("awskms://alias/llmobs") });
  });
});
