import { describe, expect, test } from "vitest";
import { demoSettings } from "../../demo/settings.ts";
import { DEMO_DEFAULTS } from "../../demo/localDefaults.ts";
import { demoCall, demoModel, DEMO_CALL } from "../../synthetic/demoWorkload.ts";
import { FAULT_EFFECTS, type FaultName } from "../../synthetic/faults.ts";

describe("the demo's options", () => {
  test("the defaults: a healthy fleet on the port the stack scrapes", () => {
    const settings = demoSettings({}, DEMO_DEFAULTS);
    expect(settings).toMatchObject({ ratePerSecond: 5, port: Number(DEMO_DEFAULTS.port), faults: [], serviceName: "llm-service" });
    expect(settings.models.map((m) => `${m.provider}/${m.model}`)).toEqual(["openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"]);
  });

  test("unknown faults, rates out of range and malformed models are all reported before anything starts", () => {
    expect(() => demoSettings({ rate: "0", faults: "error-spike,boom", models: "gpt4" }, DEMO_DEFAULTS)).toThrow(
      /--rate must be .* not "0"\n--models: "gpt4" is not provider\/model.*\n--faults: unknown fault "boom"; the faults are error-spike, slow-requests/,
    );
    expect(() => demoSettings({ rate: "501" }, DEMO_DEFAULTS)).toThrow(/at most 500/);
    expect(() => demoSettings({ rate: "fast" }, DEMO_DEFAULTS)).toThrow(/--rate/);
  });

  test("without the local stack's defaults (the stack's container), the stack's addresses and job must be given", () => {
    expect(() => demoSettings({})).toThrow(/^--prometheus is required\n--otlp is required\n--service-name is required$/);
    const settings = demoSettings({ prometheus: "http://prometheus:9090", otlp: "http://jaeger:4318", "service-name": "llm-demo" });
    expect(settings).toMatchObject({ ratePerSecond: 5, port: 8000, prometheusUrl: "http://prometheus:9090", serviceName: "llm-demo" });
  });

  test("the fleet's defaults are the config's `demo` section's, written once", async () => {
    const { parseStackConfig } = await import("../../config/parse.ts");
    const { STACK_FACTS } = await import("../../components/factsForConfig.ts");
    const { demo } = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);
    const settings = demoSettings({}, DEMO_DEFAULTS);
    expect(settings.ratePerSecond).toBe(demo.callsPerSecond);
    expect(settings.agents).toEqual(demo.agents);
    expect(settings.models.map((m) => `${m.provider}/${m.model}`)).toEqual(demo.models);
  });
});

describe("the demo's calls", () => {
  const model = demoModel("openai/gpt-4o-mini");
  const calls = (faults: FaultName[], n = 4000) => Array.from({ length: n }, (_, k) => demoCall("a", model, k, new Set(faults)));
  const share = (list: ReturnType<typeof calls>, test: (c: (typeof list)[number]) => boolean) => list.filter(test).length / list.length;

  test("healthy: the stated error and cache hit ratios, exactly over a long run", () => {
    const healthy = calls([]);
    expect(share(healthy, (c) => c.errorType !== undefined)).toBeCloseTo(DEMO_CALL.errorRatio * (1 - DEMO_CALL.cacheHitRatio), 3);
    expect(share(healthy, (c) => c.cacheHit)).toBeCloseTo(DEMO_CALL.cacheHitRatio, 2);
  });

  test("each fault moves what it says it moves", () => {
    expect(share(calls(["cache-collapse"]), (c) => c.cacheHit)).toBeCloseTo(FAULT_EFFECTS.cacheHitRatio, 2);
    expect(calls(["slow-tokens"]).find((c) => c.secondsPerOutputToken)!.secondsPerOutputToken).toBe(1 / FAULT_EFFECTS.slowTokensPerSecond);
    const cost = (faults: FaultName[]) => calls(faults).reduce((sum, c) => sum + c.costUsd, 0);
    expect(cost(["cost-runaway"]) / cost([])).toBeCloseTo(FAULT_EFFECTS.costMultiplier, 6);
  });
});
