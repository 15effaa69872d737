import { createServer } from "node:net";
import type { StackConfig } from "../../config/schema.ts";
import type { StackDescription } from "../../components/types.ts";
import { CONFIG_NAMESPACE } from "../../config/schema.ts";
import { LABELS } from "../../targets/docker/naming.ts";
import type { Exec } from "./exec.ts";
import type { SecretsProvider } from "../pulumi/secretsProvider.ts";

export interface Check {
  name: string;
  ok: boolean;
  /** What was found. */
  detail: string;
  /** What to do about it, when not ok. */
  fix?: string;
  /** A warning does not stop `up`. */
  warning?: boolean;
}

function semver(text: string): [number, number, number] | undefined {
  const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function older(a: [number, number, number], b: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/**
 * The oldest Pulumi CLI the program and the data commands work with, and why: the SDK refuses
 * `replaceWith` below 3.207.0 ("The Pulumi CLI does not support the ReplaceWith option"), the engine
 * ignores `replacementTrigger` below 3.208.0, `--exclude` globs need 3.188.0 and `--exclude` itself 3.158.0.
 */
export const PULUMI_CLI_FLOOR = "3.208.0";

function installCommand(version: string): string {
  return `\`curl -fsSL https://get.pulumi.com | sh -s -- --version ${version}\` (or \`brew upgrade pulumi\`)`;
}

/** The Pulumi CLI is on PATH and at least PULUMI_CLI_FLOOR; older than the SDK is a warning. */
export async function checkPulumiCli(exec: Exec, sdkVersion: string): Promise<Check> {
  const result = await exec("pulumi", ["version"]);
  if (result.missing || result.exitCode !== 0) {
    return {
      name: "Pulumi CLI",
      ok: false,
      detail: result.missing ? "`pulumi` is not on PATH" : `\`pulumi version\` failed: ${result.stderr.trim()}`,
      fix: `Install the Pulumi CLI: ${installCommand(sdkVersion)}, then open a new shell. No Pulumi account is needed: state stays in this project.`,
    };
  }
  const version = result.stdout.trim();
  const cli = semver(version);
  const floor = semver(PULUMI_CLI_FLOOR)!;
  const sdk = semver(sdkVersion);
  if (!cli) {
    return { name: "Pulumi CLI", ok: false, warning: true, detail: `could not read a version from \`pulumi version\`: ${JSON.stringify(version)}` };
  }
  if (older(cli, floor)) {
    return {
      name: "Pulumi CLI",
      ok: false,
      detail: `pulumi ${version} is older than ${PULUMI_CLI_FLOOR}, the oldest that supports the replaceWith and replacementTrigger options this program sets`,
      fix: `Upgrade the CLI: ${installCommand(sdkVersion)}.`,
    };
  }
  if (sdk && older(cli, sdk)) {
    return {
      name: "Pulumi CLI",
      ok: false,
      warning: true,
      detail: `pulumi ${version} is older than the project's SDK (${sdkVersion})`,
      fix: `It works, but the CLI and SDK are tested together at ${sdkVersion}: ${installCommand(sdkVersion)}.`,
    };
  }
  return { name: "Pulumi CLI", ok: true, detail: `pulumi ${version}` };
}

/** The Docker daemon answers (the CLI follows DOCKER_HOST and the current context, as the provider does). */
export async function checkDocker(exec: Exec): Promise<Check> {
  const result = await exec("docker", ["version", "--format", "{{.Server.Version}}"]);
  if (result.missing) {
    return {
      name: "Docker",
      ok: false,
      detail: "`docker` is not on PATH",
      fix: "Install Docker Desktop (macOS, Windows) or Docker Engine (Linux): https://docs.docker.com/engine/install/",
    };
  }
  const server = result.stdout.trim();
  if (result.exitCode !== 0 || server === "") {
    return {
      name: "Docker",
      ok: false,
      detail: `the Docker daemon is not reachable: ${(result.stderr.trim().split("\n").at(-1) ?? "").trim()}`,
      fix: "Start Docker Desktop, or on Linux `sudo systemctl start docker`; check with `docker info`. If Docker runs elsewhere, set DOCKER_HOST.",
    };
  }
  return { name: "Docker", ok: true, detail: `Docker Engine ${server}` };
}

/** Host ports already published by this stack's own containers (a running stack holds its own ports). */
export async function portsHeldByStack(exec: Exec, namePrefix: string): Promise<Map<number, string>> {
  const result = await exec("docker", ["ps", "--filter", `label=${LABELS.stack}=${namePrefix}`, "--format", "{{.Names}}\t{{.Ports}}"]);
  const held = new Map<number, string>();
  if (result.exitCode !== 0) return held;
  for (const line of result.stdout.split("\n")) {
    const [name, ports] = line.split("\t");
    if (!name || !ports) continue;
    for (const match of ports.matchAll(/:(\d+)->/g)) held.set(Number(match[1]), name);
  }
  return held;
}

export function canListen(address: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error));
    server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** Every host port the stack publishes is free on the bind address, or already the stack's own. */
export async function checkHostPorts(
  stack: StackDescription,
  config: StackConfig,
  heldByStack: Map<number, string>,
): Promise<Check[]> {
  const checks: Check[] = [];
  const keyOf = new Map(Object.entries(config.ports).map(([key, port]) => [port, key]));
  for (const component of stack.components) {
    for (const port of component.ports) {
      if (port.hostPort === undefined) continue;
      const name = `port ${config.bindAddress}:${port.hostPort} (${component.title} ${port.name})`;
      const owner = heldByStack.get(port.hostPort);
      if (owner) {
        checks.push({ name, ok: true, detail: `held by ${owner}, which this stack manages` });
        continue;
      }
      const error = await canListen(config.bindAddress, port.hostPort);
      if (!error) {
        checks.push({ name, ok: true, detail: "free" });
        continue;
      }
      const key = `${CONFIG_NAMESPACE}:ports.${keyOf.get(port.hostPort) ?? "?"}`;
      checks.push({
        name,
        ok: false,
        detail: error.code === "EADDRINUSE" ? "already in use by another program" : `cannot be bound: ${error.code ?? error.message}`,
        fix:
          error.code === "EADDRINUSE"
            ? `Find the program with \`lsof -i :${port.hostPort}\` (or \`ss -ltnp 'sport = :${port.hostPort}'\`) and stop it, ` +
              `or move this endpoint: \`pulumi config set --path ${key} <free port>\`.`
            : `Check that ${config.bindAddress} is an address of this machine (llmobs:bindAddress).`,
      });
    }
  }
  return checks;
}

export function formatChecks(checks: Check[]): string {
  return checks
    .map((check) => {
      const mark = check.ok ? "ok  " : check.warning ? "warn" : "FAIL";
      const fix = !check.ok && check.fix ? `\n       -> ${check.fix}` : "";
      return `  ${mark} ${check.name}: ${check.detail}${fix}`;
    })
    .join("\n");
}

/**
 * Commands that drive Pulumi without a terminal (the data commands) cannot be asked for the stack's
 * passphrase. Whether one is needed depends on the stack's secrets provider, not on which credentials
 * happen to be set: a PULUMI_ACCESS_TOKEN does not move state off the file backend.
 */
export function checkPassphrase(env: NodeJS.ProcessEnv, provider: SecretsProvider): Check {
  const name = "stack passphrase";
  if (provider.kind === "other") return { name, ok: true, detail: `secrets are encrypted by ${provider.name}` };
  if ("PULUMI_CONFIG_PASSPHRASE" in env || "PULUMI_CONFIG_PASSPHRASE_FILE" in env) {
    return { name, ok: true, detail: "given in the environment" };
  }
  return {
    name,
    ok: false,
    detail: `PULUMI_CONFIG_PASSPHRASE is not set, and ${provider.why}`,
    fix: "export PULUMI_CONFIG_PASSPHRASE='<the passphrase you chose when the stack was created>' (or PULUMI_CONFIG_PASSPHRASE_FILE), then run again.",
  };
}
