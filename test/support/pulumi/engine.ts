import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { ProjectCopy } from "../cli/projectCopy.ts";
import { requireTool } from "../../../cli/tools/installed.ts";

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for assertion messages. */
  output: string;
}

/**
 * A local HTTP(S) proxy that refuses every request and records it. The engine tests point
 * HTTP_PROXY and HTTPS_PROXY at it: anything the Pulumi CLI, its plugins or the Automation API tried to
 * fetch from the network (plugin downloads, update checks, Pulumi Cloud) would arrive here.
 */
export class NetworkTrap {
  readonly attempts: string[] = [];
  private readonly server: Server;

  private constructor(server: Server) {
    this.server = server;
  }

  static async start(): Promise<NetworkTrap> {
    const trap = new NetworkTrap(createServer());
    trap.server.on("connection", (socket) => {
      socket.once("data", (chunk) => {
        trap.attempts.push(chunk.toString("latin1").split("\r\n")[0] ?? "(no request line)");
        // A refusal at once, so a client that tries fails fast instead of retrying into a timeout.
        socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
      });
      socket.setTimeout(1000, () => socket.destroy());
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => trap.server.listen(0, "127.0.0.1", resolve));
    return trap;
  }

  get url(): string {
    const address = this.server.address();
    if (!address || typeof address === "string") throw new Error("the network trap is not listening");
    return `http://127.0.0.1:${address.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A fresh copy of the project (what a clone holds: no .pulumi-state, no rendered files), run with the
 * real Pulumi CLI, its Node.js language host and the Kubernetes provider `npm run tools` built, the way a
 * user runs it: `npm run ...` and `pulumi ...` from the project root. Pulumi's home (plugin cache,
 * workspace settings) is a temporary directory of its own; plugins come from PATH only (ambient plugins),
 * with automatic plugin downloads and the update check off, and every HTTP(S) request sent to a trap.
 */
export class EngineProject extends ProjectCopy {
  readonly pulumiHome = mkdtempSync(join(tmpdir(), "llmobs-pulumi-home-"));
  readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly passphrase: string,
    trap: NetworkTrap,
  ) {
    super();
    // Loud when `npm run tools` has not built them; the CLI finds the language host beside itself.
    const binDir = dirname(requireTool("pulumi"));
    requireTool("pulumi-language-nodejs");
    requireTool("pulumi-resource-kubernetes");
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(PULUMI_|KUBECONFIG$|NODE_OPTIONS$|https?_proxy$|no_proxy$)/i.test(key)),
    );
    this.env = {
      ...inherited,
      PATH: [binDir, process.env["PATH"] ?? ""].join(delimiter),
      PULUMI_HOME: this.pulumiHome,
      PULUMI_CONFIG_PASSPHRASE: passphrase,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      // No cluster: a kubeconfig that does not exist, so nothing can reach one by accident.
      KUBECONFIG: join(this.pulumiHome, "no-kubeconfig"),
      // The Node.js language host built here (3.68.0, standing in for 3.248.0) does not read Pulumi.yaml's
      // runtime options from the CLI; it passes NODE_OPTIONS on to node (cli/tools/standIns.ts).
      NODE_OPTIONS: "--import tsx",
      HTTP_PROXY: trap.url,
      HTTPS_PROXY: trap.url,
      http_proxy: trap.url,
      https_proxy: trap.url,
      NO_PROXY: "127.0.0.1,localhost",
      no_proxy: "127.0.0.1,localhost",
      FORCE_COLOR: "0",
      NO_COLOR: "1",
    };
  }

  /** Runs a command from the project root, asynchronously, so the network trap in this process keeps answering. */
  run(command: string, args: string[]): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd: this.dir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.once("error", reject);
      child.once("close", (status) => resolve({ status, stdout, stderr, output: `$ ${command} ${args.join(" ")}\n${stdout}\n${stderr}` }));
    });
  }

  npm(script: string, args: string[]): Promise<CommandResult> {
    return this.run("npm", ["run", "--silent", script, "--", ...args]);
  }

  pulumi(args: string[]): Promise<CommandResult> {
    return this.run("pulumi", args);
  }

  /** Each file under a directory of the project, relative to it, with a hash of its bytes. */
  files(directory: string): Map<string, string> {
    const root = join(this.dir, directory);
    const found = new Map<string, string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else found.set(path.slice(root.length + 1), createHash("sha256").update(readFileSync(path)).digest("hex"));
      }
    };
    if (existsSync(root)) walk(root);
    return found;
  }

  /** What Pulumi's home holds: the plugin cache stays empty when every plugin comes from PATH. */
  pluginCache(): string[] {
    const plugins = join(this.pulumiHome, "plugins");
    return existsSync(plugins) ? readdirSync(plugins) : [];
  }

  override remove(): void {
    super.remove();
    rmSync(this.pulumiHome, { recursive: true, force: true });
  }
}

/** The files that differ between two `files()` snapshots: added, removed or changed. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): { added: string[]; removed: string[]; changed: string[] } {
  return {
    added: [...after.keys()].filter((file) => !before.has(file)).sort(),
    removed: [...before.keys()].filter((file) => !after.has(file)).sort(),
    changed: [...after.keys()].filter((file) => before.has(file) && before.get(file) !== after.get(file)).sort(),
  };
}
