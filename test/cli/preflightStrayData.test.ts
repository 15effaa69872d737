import { afterAll, describe, expect, test } from "vitest";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProjectCopy } from "../support/cli/projectCopy.ts";

// `docker volume ls --filter label=dev.llmobs.stack --format '{{.Name}}\t{{.Label "dev.llmobs.stack"}}'`
const VOLUMES = {
  stdout: ["llmobs-grafana-data\tllmobs", "llmobs-prometheus-data-2\tllmobs", "obs-grafana-data\tobs", "team-b-grafana-data\tteam-b", ""].join("\n"),
};

describe("npm run preflight with a changed namePrefix", () => {
  const project = new ProjectCopy();
  afterAll(() => project.remove());

  test("names the old volumes and the commands, through the real script", () => {
    const bin = mkdtempSync(join(tmpdir(), "llmobs-bin-"));
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!${process.execPath}\nconst args = process.argv.slice(2).join(" ");\n${body}`);
      chmodSync(join(bin, name), 0o755);
    };
    stub("pulumi", 'if (args === "version") console.log("v3.248.0");');
    stub(
      "docker",
      'if (args.startsWith("version")) console.log("28.2.2");\n' +
        `else if (args.startsWith("volume ls")) process.stdout.write(${JSON.stringify(VOLUMES.stdout)});`,
    );
    // Ports nobody holds, so the port checks pass whatever else runs here.
    project.write("stacks/Pulumi.local.yaml", "config:\n  llmobs:namePrefix: obs\n  llmobs:ports:\n    grafana: 39105\n    prometheus: 39190\n    jaegerUi: 39186\n    otlpGrpc: 39117\n    otlpHttp: 39118\n    jaegerCollector: 39168\n    alertmanager: 39193\n");
    const result = project.runScript("preflight.ts", [], { ...process.env, PATH: bin });
    expect(result.stdout).toContain('warn data under namePrefix "llmobs": 2 Docker volumes');
    expect(result.stdout).toContain("pulumi config set llmobs:namePrefix llmobs --stack local");
    expect(result.stdout).toContain("docker volume rm llmobs-grafana-data llmobs-prometheus-data-2");
  });
});
