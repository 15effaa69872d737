import { describe, expect, test } from "vitest";
import { runScript } from "../support/cli/runScript.ts";
import { COMPONENT_NAMES } from "../../config/components.ts";

describe("npm run data, run as a user runs it", () => {
  test("the command prints the usage and exits 2 on an unknown verb", () => {
    const result = runScript("data.ts", ["wipe", "grafana"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "wipe"');
    expect(result.stderr).toContain("usage: npm run data -- <start|reset|clean|status>");
  });

  test("an unknown component exits 2 and lists the valid ones", () => {
    const result = runScript("data.ts", ["clean", "loki"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown component "loki"');
    expect(result.stderr).toContain(`the components are ${[...COMPONENT_NAMES, "all"].join(", ")}`);
  });

  test("no such stack: says how to create it, exit 2", () => {
    const result = runScript("data.ts", ["status", "all", "--stack", "staging"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No stack "staging"');
    expect(result.stderr).toContain("pulumi stack init staging");
  });
});
