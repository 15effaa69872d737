import { describe, expect, test } from "vitest";
import { COMPONENT_NAMES } from "../../config/components.ts";
import { GO_TOOL_MODULES, builtRelease } from "../../cli/tools/goModules.ts";
import { DECLARED_STAND_INS } from "../../cli/tools/standIns.ts";
import { PLUGINS_NOT_BUILT } from "../../cli/tools/notBuilt.ts";
import { describePin, npmPinnedVersion, pinnedRelease } from "../../cli/tools/pins.ts";
import { binaryRelease } from "../../cli/tools/version.ts";
import { requireTool, type ToolName } from "../../cli/tools/installed.ts";

const binaries = GO_TOOL_MODULES.flatMap((module) => module.binaries.map((binary) => [binary as ToolName, module] as const));

describe("the binaries the tests run are the versions the stack ships", () => {
  test("every component with a binary is built (Grafana has none here; the demo runs on Node)", () => {
    const components = GO_TOOL_MODULES.flatMap((module) => ("image" in module.pin ? [module.pin.image] : []));
    expect(components.sort()).toEqual(COMPONENT_NAMES.filter((name) => name !== "grafana" && name !== "demo").sort());
  });

  test("the Pulumi CLI, its Node.js language host and the Kubernetes provider are built; the others are declared unbuildable", () => {
    expect(GO_TOOL_MODULES.flatMap((module) => module.binaries).filter((name) => name.startsWith("pulumi"))).toEqual([
      "pulumi",
      "pulumi-language-nodejs",
      "pulumi-resource-kubernetes",
    ]);
    // Every provider SDK the program depends on has its plugin built or declared not built.
    const built = GO_TOOL_MODULES.flatMap((module) => ("npmPackage" in module.pin ? [module.pin.npmPackage] : []));
    const providerSdks = ["@pulumi/kubernetes", "@pulumi/random", "@pulumi/docker"];
    for (const sdk of providerSdks) npmPinnedVersion(sdk);
    expect([...new Set([...built, ...PLUGINS_NOT_BUILT.map((plugin) => plugin.npmPackage)])].sort()).toEqual(["@pulumi/pulumi", ...providerSdks].sort());
  });

  test.each(binaries)("%s reports its pinned version, or its declared stand-in's", (binary, module) => {
    const reported = binaryRelease(requireTool(binary), module);
    expect(reported, `${binary} is not the build of tools/${module.dir}/go.mod: run \`npm run tools\``).toBe(builtRelease(module));
    const standIn = DECLARED_STAND_INS.find((declared) => declared.dir === module.dir);
    if (standIn) {
      // A declared gap holds for exactly the pin and the build it names.
      expect(describePin(module.pin)).toBe(standIn.pinned);
      expect(reported).toBe(standIn.builds);
    } else {
      expect(reported).toBe(pinnedRelease(module.pin));
    }
  });

  test("each declared stand-in is a real gap, with its reason and the exact error", () => {
    for (const standIn of DECLARED_STAND_INS) {
      const module = GO_TOOL_MODULES.find((candidate) => candidate.dir === standIn.dir);
      expect(module, standIn.dir).toBeDefined();
      expect(standIn.builds).not.toBe(pinnedRelease(module!.pin));
      expect(standIn.reason.length).toBeGreaterThan(0);
      expect(standIn.error).toMatch(/403 Forbidden/);
    }
  });
});
