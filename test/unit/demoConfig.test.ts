import { expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { configProblems } from "../support/config/configProblems.ts";
import { llmServiceJobs } from "../../config/scrapeChecks.ts";
import { DEMO_DEFAULTS } from "../../config/demoDefaults.ts";
import { describeStack } from "../../components/stack.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import { renderDashboards } from "../../dashboards/index.ts";
import { renderRuleFiles } from "../../components/prometheus/renderedRuleFiles.ts";

const parse = (values: Record<string, unknown>) => parseStackConfig({ values, secrets: {} }, STACK_FACTS);

test("off by default, with the fleet of `npm run demo`; on, its job is one more LLM service after the user's", () => {
  const off = parse({});
  expect(off.demo).toEqual({ enabled: false, ...DEMO_DEFAULTS, agents: [...DEMO_DEFAULTS.agents], models: [...DEMO_DEFAULTS.models] });
  expect(llmServiceJobs(off)).toEqual(["llm-service"]);
  expect(describeStack(off).components.map((c) => c.name)).not.toContain("demo");
  const on = parse({ demo: { enabled: true }, llmService: [{ jobName: "chat-api", targets: ["api:8000"] }] });
  expect(llmServiceJobs(on)).toEqual(["chat-api", "llm-demo"]);
});

test("on without llmService, the demo is the only LLM service: the default job, whose target nothing serves, is left out", () => {
  const on = parse({ demo: { enabled: true } });
  expect(llmServiceJobs(on)).toEqual(["llm-demo"]);
  const prometheus = describeStack(on).components.find((c) => c.name === "prometheus")!;
  const yml = prometheus.configFiles.find((f) => f.path === "prometheus.yml")!.content;
  expect(yml).toContain("job_name: llm-demo");
  expect(yml).not.toContain("llm-service");
  expect(yml).not.toContain("host.docker.internal:8000");
  const rules = renderRuleFiles(on).map((f) => f.content).join("\n");
  expect(rules).not.toContain('"llm-service"');
  // The explicit default is the user's choice and stays.
  expect(llmServiceJobs(parse({ demo: { enabled: true }, llmService: [{}] }))).toEqual(["llm-service", "llm-demo"]);
});

test("on, the dashboards' Service variable and the LLM service alerts include its job", () => {
  const on = parse({ demo: { enabled: true } });
  expect(JSON.stringify(renderDashboards(on))).toContain("llm-demo");
  expect(JSON.stringify(renderDashboards(parse({})))).not.toContain("llm-demo");
  expect(renderRuleFiles(on).map((f) => f.content).join("\n")).toContain("llm-demo");
});

test("a number set with --path as text is read as a number; a decimal rate is allowed", () => {
  expect(parse({ demo: { enabled: true, callsPerSecond: "0.5" } }).demo.callsPerSecond).toBe(0.5);
});

test("bad demo values name their key and what is allowed, all at once", () => {
  const problems = configProblems({ demo: { enabled: "yes", callsPerSecond: 0, agents: [], models: ["gpt-4o"], jobName: "llm demo" } });
  expect(problems.map((p) => p.key)).toEqual([
    "llmobs:demo.enabled",
    "llmobs:demo.callsPerSecond",
    "llmobs:demo.agents",
    "llmobs:demo.models[0]",
    "llmobs:demo.jobName",
  ]);
  expect(problems.map((p) => p.message)).toEqual([
    expect.stringContaining("true or false"),
    expect.stringContaining("calls per second, above 0 and at most 500"),
    expect.stringContaining("at least one agent_id"),
    expect.stringContaining("provider/model as LiteLLM names them"),
    expect.stringContaining("1 to 63 characters"),
  ]);
  expect(configProblems({ demo: { callsPerSecond: 501 } })[0]!.message).toContain("at most 500");
  expect(configProblems({ demo: { agents: ["a,b"] } })[0]!.key).toBe("llmobs:demo.agents[0]");
  expect(configProblems({ demo: { port: 8000 } })[0]!.message).toContain("unknown key; the keys allowed here are enabled, callsPerSecond, agents, models, jobName");
});

test("the demo's job may not be one of the stack's own jobs, nor one of the user's LLM services", () => {
  const [own] = configProblems({ demo: { enabled: true, jobName: "prometheus" } });
  expect(own).toMatchObject({ key: "llmobs:demo.jobName", value: "prometheus" });
  expect(own!.message).toContain("the stack already scrapes a job of that name");
  expect(own!.message).not.toMatch(/jobs are [^;]*\bprometheus\b.*\bprometheus\b/);
  const [user] = configProblems({ demo: { enabled: true }, llmService: [{ jobName: "llm-demo", targets: ["api:8000"] }] });
  expect(user).toMatchObject({ key: "llmobs:llmService[0].jobName", value: "llm-demo" });
  // Off, the demo takes no job.
  expect(configProblems({ demo: { jobName: "prometheus" } })).toEqual([]);
  expect(configProblems({ llmService: [{ jobName: "llm-demo", targets: ["api:8000"] }] })).toEqual([]);
});
