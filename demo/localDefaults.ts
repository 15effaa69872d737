import { parseStackConfig } from "../config/parse.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";
import { SERVICE_DEFAULTS, type DemoOptionText } from "./settings.ts";

const defaults = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);

/** `npm run demo`'s defaults, for --help: a healthy fleet against the local stack's default ports, as its default LLM job. */
export const DEMO_DEFAULTS = {
  ...SERVICE_DEFAULTS,
  prometheus: `http://localhost:${defaults.ports.prometheus}`,
  otlp: `http://localhost:${defaults.ports.otlpHttp}`,
  "service-name": defaults.llmService[0]!.jobName,
} as const satisfies Required<DemoOptionText>;
