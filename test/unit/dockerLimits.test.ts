import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { dockerLimits, SMALLEST_ENGINE_CPUS } from "../../targets/docker/limits.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const stack = describeStack(parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS));

describe("Docker limits every engine accepts", () => {
  test.each(stack.components.map((c) => [c.name, c] as const))("%s asks for no more CPUs than a one-CPU engine has", (_, component) => {
    expect(Number(dockerLimits(component.resources).cpus)).toBeLessThanOrEqual(SMALLEST_ENGINE_CPUS);
    expect(Number(dockerLimits(component.resources).cpus)).toBeGreaterThan(0);
  });

  test("Prometheus keeps its two cores on Kubernetes, and one on Docker", () => {
    const prometheus = stack.components.find((c) => c.name === "prometheus")!;
    expect(prometheus.resources.cpuLimit).toBe("2");
    expect(dockerLimits(prometheus.resources).cpus).toBe("1");
  });

  test("limits below one CPU stay as described; memory is converted unchanged", () => {
    expect(dockerLimits({ cpuRequest: "50m", cpuLimit: "250m", memoryRequest: "64Mi", memoryLimit: "128Mi" })).toEqual({ cpus: "0.25", memory: 128, memoryReservation: 64 });
  });
});
