import { chmodSync, mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A stand-in for the Pulumi and Docker CLIs on PATH, for tests of the user's commands on a machine with
 * neither. `pulumi` records every call and behaves as the real file backend does where it matters: a
 * missing state directory fails `stack select` with the real CLI's message (pulumi/pulumi#15841).
 */
export class CliStandIns {
  readonly bin = mkdtempSync(join(tmpdir(), "llmobs-clis-"));
  private readonly log = join(this.bin, "calls.log");

  constructor(options: { pulumiVersion: string; dockerVersion: string }) {
    mkdirSync(this.bin, { recursive: true });
    this.script(
      "pulumi",
      `
const { appendFileSync, existsSync, readFileSync } = require("node:fs");
const { resolve } = require("node:path");
const args = process.argv.slice(2);
appendFileSync(${JSON.stringify(this.log)}, JSON.stringify({ cwd: process.cwd(), args }) + "\\n");
if (args[0] === "version") { console.log(${JSON.stringify(options.pulumiVersion)}); process.exit(0); }
const fromProject = /^\\s*url:\\s*(\\S+)/m.exec(readFileSync("Pulumi.yaml", "utf8").split(/^backend:/m)[1] || "");
const url = process.env.PULUMI_BACKEND_URL || (fromProject && fromProject[1]);
if (url && url.startsWith("file://")) {
  const dir = resolve(url.slice("file://".length));
  if (!existsSync(dir)) {
    console.error("error: could not create backend: unable to open state directory " + dir + ": open " + dir + ": no such file or directory");
    process.exit(255);
  }
}
process.exit(0);
`,
    );
    this.script(
      "docker",
      `
const args = process.argv.slice(2);
if (args[0] === "version") { console.log(${JSON.stringify(options.dockerVersion)}); process.exit(0); }
if (args[0] === "ps") process.exit(0);
console.error("docker stand-in: unexpected " + args.join(" ")); process.exit(1);
`,
    );
  }

  private script(name: string, body: string): void {
    const path = join(this.bin, name);
    writeFileSync(path, `#!${process.execPath}\n${body}`);
    chmodSync(path, 0o755);
  }

  /** The argument lists `pulumi` was called with, in order. */
  pulumiCalls(): string[][] {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { args: string[] }).args);
  }

  /** PATH with the stand-ins first. */
  path(): string {
    return `${this.bin}:${process.env["PATH"] ?? ""}`;
  }
}
