import { DEMO_PORT } from "../config/demoPort.ts";
import { DEMO_DEFAULTS, MAX_DEMO_CALLS_PER_SECOND } from "../config/demoDefaults.ts";
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

export const MAX_RATE_PER_SECOND = MAX_DEMO_CALLS_PER_SECOND;

/** The stack's addresses and job: no default here, where the stack's config is not read (demo/localDefaults.ts has the local stack's). */
const STACK_OPTIONS = ["prometheus", "otlp", "service-name"] as const;

/**
 * The defaults that need no stack: the fleet of the config's `demo` section (config/demoDefaults.ts), on
 * the port the stack scrapes an LLM service at by default.
 */
export const SERVICE_DEFAULTS = {
  rate: String(DEMO_DEFAULTS.callsPerSecond),
  agents: DEMO_DEFAULTS.agents.join(","),
  models: DEMO_DEFAULTS.models.join(","),
  faults: "",
  host: "0.0.0.0",
  port: String(DEMO_PORT),
  "export-interval": "5",
} as const satisfies Omit<Required<DemoOptionText>, (typeof STACK_OPTIONS)[number]>;

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
 * The settings from the options (each one left out taken from `defaults`), or a RangeError that lists every problem at once (an unknown fault, a
 * rate out of range, a malformed model), before anything starts.
 */
export function demoSettings(options: DemoOptionText, defaults: DemoOptionText = SERVICE_DEFAULTS): DemoSettings {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const text = { ...SERVICE_DEFAULTS, ...defaults, ...given } as Required<DemoOptionText>;
  const problems: string[] = STACK_OPTIONS.filter((option) => text[option] === undefined).map((option) => `--${option} is required`);
  if (problems.length > 0) throw new RangeError(problems.join("\n"));
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
