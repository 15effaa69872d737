import { DEMO_PORT } from "../config/demoPort.ts";
import { parseStackConfig } from "../config/parse.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";
import { demoModel, type DemoModel } from "../synthetic/demoWorkload.ts";
import { parseFaultNames, type FaultName } from "../synthetic/faults.ts";

/** Everything the demo service runs with. */
export interface DemoSettings {
  /** LLM calls per second, spread evenly over every agent and model. */
  ratePerSecond: number;
  agents: string[];
  models: DemoModel[];
  /** Faults active from the start. */
  faults: FaultName[];
  host: string;
  port: number;
  /** Prometheus' base URL; metrics are pushed to its OTLP receiver. */
  prometheusUrl: string;
  /** Jaeger's OTLP/HTTP base URL; spans go to /v1/traces. */
  otlpUrl: string;
  /** service.name of the spans and the pushed metrics (their Prometheus job): the stack's LLM job. */
  serviceName: string;
  /** How often the OpenTelemetry metrics are pushed. */
  exportIntervalMillis: number;
}

/** The demo's options as a person writes them; every one may be left out. */
export type DemoOptionText = Partial<Record<"rate" | "agents" | "models" | "faults" | "host" | "port" | "prometheus" | "otlp" | "service-name" | "export-interval", string>>;

export const MAX_RATE_PER_SECOND = 500;
const defaults = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);

/** The defaults, for --help: a healthy fleet against the local stack's default ports. */
export const DEMO_DEFAULTS = {
  rate: "5",
  agents: "meetmind.coordinator,meetmind.summarizer,agent.svea.pm",
  models: "openai/gpt-4o-mini,anthropic/claude-haiku-4-5",
  faults: "",
  host: "0.0.0.0",
  port: String(DEMO_PORT),
  prometheus: `http://localhost:${defaults.ports.prometheus}`,
  otlp: `http://localhost:${defaults.ports.otlpHttp}`,
  "service-name": defaults.llmService[0]!.jobName,
  "export-interval": "5",
} as const satisfies Required<DemoOptionText>;

function list(text: string): string[] {
  return text.split(",").map((item) => item.trim()).filter((item) => item !== "");
}

function url(text: string, option: string, problems: string[]): string {
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error();
    return text.replace(/\/+$/, "");
  } catch {
    problems.push(`--${option} must be an http(s) URL, not "${text}"`);
    return text;
  }
}

/**
 * The settings from the options, or a RangeError that lists every problem at once (an unknown fault, a
 * rate out of range, a malformed model), before anything starts.
 */
export function demoSettings(options: DemoOptionText): DemoSettings {
  const text = { ...DEMO_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) } as Required<DemoOptionText>;
  const problems: string[] = [];
  const ratePerSecond = Number(text.rate);
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0 || ratePerSecond > MAX_RATE_PER_SECOND) {
    problems.push(`--rate must be a number of calls per second above 0 and at most ${MAX_RATE_PER_SECOND}, not "${text.rate}"`);
  }
  const agents = list(text.agents);
  if (agents.length === 0) problems.push("--agents must name at least one agent");
  const models: DemoModel[] = [];
  for (const item of list(text.models)) {
    try {
      models.push(demoModel(item));
    } catch (error) {
      problems.push(`--models: ${(error as Error).message}`);
    }
  }
  if (list(text.models).length === 0) problems.push("--models must name at least one provider/model");
  let faults: FaultName[] = [];
  try {
    faults = parseFaultNames(list(text.faults));
  } catch (error) {
    problems.push(`--faults: ${(error as Error).message}`);
  }
  const port = Number(text.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`--port must be 0..65535 (0: any free port), not "${text.port}"`);
  const exportSeconds = Number(text["export-interval"]);
  if (!Number.isFinite(exportSeconds) || exportSeconds < 0.2 || exportSeconds > 60) {
    problems.push(`--export-interval must be 0.2 to 60 seconds, not "${text["export-interval"]}"`);
  }
  const prometheusUrl = url(text.prometheus, "prometheus", problems);
  const otlpUrl = url(text.otlp, "otlp", problems);
  if (problems.length > 0) throw new RangeError(problems.join("\n"));
  return {
    ratePerSecond,
    agents,
    models,
    faults,
    host: text.host,
    port,
    prometheusUrl,
    otlpUrl,
    serviceName: text["service-name"],
    exportIntervalMillis: Math.round(exportSeconds * 1000),
  };
}
