import { describe, expect, test } from "vitest";
import { COMPONENT_NAMES } from "../../config/components.ts";
import { PINNED_IMAGES } from "../../components/images.ts";
import { GO_TOOL_MODULES, builtRelease } from "../../cli/tools/goModules.ts";
import { DECLARED_STAND_INS } from "../../cli/tools/standIns.ts";
import { reportedVersion } from "../../cli/tools/version.ts";
import { requireTool, type ToolName } from "../../cli/tools/installed.ts";

/** "prom/prometheus:v3.7.3" -> "3.7.3". */
function imageVersion(image: string): string {
  const tag = /:([^:/@]+)$/.exec(image)?.[1];
  if (!tag) throw new Error(`${image} has no version tag`);
  return tag.replace(/^v/, "");
}

const binaries = GO_TOOL_MODULES.flatMap((module) => module.binaries.map((binary) => [binary as ToolName, module] as const));

describe("the binaries the tests run are the versions the stack ships", () => {
  test("every component with a binary is built (Grafana has none here)", () => {
    expect(GO_TOOL_MODULES.map((module) => module.component).sort()).toEqual(COMPONENT_NAMES.filter((name) => name !== "grafana").sort());
  });

  test.each(binaries)("%s --version is its image's tag", (binary, module) => {
    const reported = reportedVersion(requireTool(binary));
    expect(reported, `${binary} is not the build of tools/${module.dir}/go.mod: run \`npm run tools\``).toBe(builtRelease(module));
    const standIn = DECLARED_STAND_INS.find((declared) => declared.component === module.component);
    if (standIn) {
      // A declared gap holds for exactly the pin and the build it names.
      expect(PINNED_IMAGES[module.component]).toBe(standIn.image);
      expect(reported).toBe(standIn.builds);
    } else {
      expect(reported).toBe(imageVersion(PINNED_IMAGES[module.component]));
    }
  });

  test("each declared stand-in is a real gap, with its reason and the exact error", () => {
    for (const standIn of DECLARED_STAND_INS) {
      expect(standIn.builds).not.toBe(imageVersion(standIn.image));
      expect(standIn.reason.length).toBeGreaterThan(0);
      expect(standIn.error.length).toBeGreaterThan(0);
    }
  });
});
