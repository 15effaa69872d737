import { beforeAll, describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStackFile } from "../../config/fromStackFile.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { requireTool, type ToolName } from "../../cli/tools/installed.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/** Every file `npm run render` writes for the project's own stacks, checked by the pinned tools' own checkers. */
function check(tool: ToolName, args: string[]): string {
  try {
    return execFileSync(requireTool(tool), args, { encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    throw new Error(`${tool} ${args.join(" ")} failed:\n${stdout}\n${stderr}`);
  }
}

describe.each(["local", "cluster"])("the %s stack's rendered files", (stack) => {
  const dir = mkdtempSync(join(tmpdir(), `llmobs-${stack}-render-`));
  beforeAll(() => {
    writeRenderedFiles(renderedFiles(describeStack(readStackFile(stack, STACK_FACTS))), dir);
  });

  test("prometheus.yml and the rules it loads pass promtool check config", () => {
    expect(check("promtool", ["check", "config", join(dir, "prometheus/prometheus.yml")])).toContain("SUCCESS");
  });

  test("every rule file passes promtool check rules", () => {
    const rules = readdirSync(join(dir, "prometheus/rules")).map((file) => join(dir, "prometheus/rules", file));
    expect(rules.length).toBeGreaterThan(0);
    expect(check("promtool", ["check", "rules", ...rules])).not.toContain("FAILED");
  });

  test("alertmanager.yml passes amtool check-config", () => {
    expect(check("amtool", ["check-config", join(dir, "alertmanager/alertmanager.yml")])).toContain("SUCCESS");
  });

  test("jaeger/config.yaml passes jaeger validate", () => {
    check("jaeger", ["validate", `--config=${join(dir, "jaeger/config.yaml")}`]);
  });
});
