import type { FaultEffect, FaultWindow, StreamSpec, TrafficShape } from "../../../synthetic/traffic.ts";
import type { ReplayService } from "../../../synthetic/replay.ts";
import type { ReplayVocabulary } from "../../../synthetic/replayEmitters.ts";

/**
 * The replay's world: one service per vocabulary the catalog supports, each calling a busy model, a
 * medium one and a sparse one (well under a call a minute), some agents on two keys, one model rolled out
 * part-way. Healthy for HEALTHY_MINUTES, then one fault at a time on every service whose vocabulary
 * carries the symptom, each followed by a quiet spell so its alerts resolve before the next.
 */
export const SERVICES: readonly ReplayService[] = [
  { job: "chat-api", vocabulary: "usage" },
  { job: "nexent", vocabulary: "performance" },
  { job: "rag-service", vocabulary: "genai" },
  { job: "vllm-server", vocabulary: "vllm" },
  { job: "llm-gateway", vocabulary: "litellm" },
];

/** The service the stack's config names as the LLM service (`llmService.jobName`). */
export const LLM_SERVICE_JOB = "chat-api";

export const HEALTHY_MINUTES = 24 * 60 + 30;
const FAULT_MINUTES = 30;
const QUIET_MINUTES = 40;

const CACHED: ReadonlySet<ReplayVocabulary> = new Set(["usage", "litellm"]);
const PRICED: ReadonlySet<ReplayVocabulary> = new Set(["usage", "genai", "litellm"]);
const SPEED: ReadonlySet<ReplayVocabulary> = new Set(["performance", "genai", "vllm", "litellm"]);

interface ModelSpec {
  model: string;
  provider: string;
  peakPerSecond: number;
  costPerCallUsd: number;
  tokensPerSecond: number;
  ttftSeconds: number;
}

/** Per vocabulary: the busy model first (the faults' target), then a medium and a sparse one. */
const MODELS: Record<ReplayVocabulary, ModelSpec[]> = {
  usage: [
    { model: "gpt-4o-mini", provider: "openai", peakPerSecond: 3, costPerCallUsd: 0.0001, tokensPerSecond: 90, ttftSeconds: 0.25 },
    { model: "claude-sonnet-4", provider: "anthropic", peakPerSecond: 0.5, costPerCallUsd: 0.0005, tokensPerSecond: 50, ttftSeconds: 0.5 },
    { model: "o3", provider: "openai", peakPerSecond: 0.004, costPerCallUsd: 0.01, tokensPerSecond: 40, ttftSeconds: 0.8 },
  ],
  performance: [
    { model: "qwen-max", provider: "", peakPerSecond: 2, costPerCallUsd: 0, tokensPerSecond: 60, ttftSeconds: 0.3 },
    { model: "qwen-plus", provider: "", peakPerSecond: 0.4, costPerCallUsd: 0, tokensPerSecond: 70, ttftSeconds: 0.3 },
    { model: "qwen-long", provider: "", peakPerSecond: 0.005, costPerCallUsd: 0, tokensPerSecond: 40, ttftSeconds: 0.7 },
  ],
  genai: [
    { model: "gpt-4.1-mini", provider: "openai", peakPerSecond: 1.5, costPerCallUsd: 0.0001, tokensPerSecond: 80, ttftSeconds: 0.3 },
    { model: "gpt-4.1", provider: "openai", peakPerSecond: 0.3, costPerCallUsd: 0.0005, tokensPerSecond: 55, ttftSeconds: 0.4 },
    { model: "text-embedding-3-large", provider: "openai", peakPerSecond: 0.003, costPerCallUsd: 0.0001, tokensPerSecond: 200, ttftSeconds: 0.2 },
  ],
  vllm: [
    { model: "llama-3.1-8b", provider: "vllm", peakPerSecond: 4, costPerCallUsd: 0, tokensPerSecond: 110, ttftSeconds: 0.08 },
    { model: "llama-3.1-70b", provider: "vllm", peakPerSecond: 0.6, costPerCallUsd: 0, tokensPerSecond: 35, ttftSeconds: 0.3 },
    { model: "qwen2.5-coder-32b", provider: "vllm", peakPerSecond: 0.004, costPerCallUsd: 0, tokensPerSecond: 45, ttftSeconds: 0.25 },
  ],
  litellm: [
    { model: "claude-haiku-4", provider: "anthropic", peakPerSecond: 2.5, costPerCallUsd: 0.0001, tokensPerSecond: 85, ttftSeconds: 0.3 },
    { model: "gpt-4o", provider: "openai", peakPerSecond: 0.4, costPerCallUsd: 0.0005, tokensPerSecond: 60, ttftSeconds: 0.35 },
    { model: "gemini-2.5-pro", provider: "google", peakPerSecond: 0.004, costPerCallUsd: 0.02, tokensPerSecond: 50, ttftSeconds: 0.9 },
  ],
};

const AGENTS: Record<ReplayVocabulary, string[]> = {
  usage: ["meetmind.coordinator", "meetmind.summarizer"],
  performance: [""],
  genai: [""],
  vllm: [""],
  litellm: ["support.bot", "sales.assistant"],
};

/** Every stream: each model by the first agent, the busy one by the second too; a fourth model from hour 9. */
export function replayStreams(): StreamSpec[] {
  const streams: StreamSpec[] = [];
  for (const { job, vocabulary } of SERVICES) {
    const agents = AGENTS[vocabulary];
    MODELS[vocabulary].forEach((m, i) => {
      for (const agent of i === 0 ? agents : agents.slice(0, 1)) {
        streams.push({
          job,
          agent,
          model: m.model,
          provider: m.provider,
          peakPerSecond: m.peakPerSecond / (i === 0 ? agents.length : 1),
          errorRatio: 0.002 + 0.001 * i,
          errorTypes: ["rate_limit", "timeout"],
          ttftSeconds: m.ttftSeconds,
          tokensPerSecond: m.tokensPerSecond,
          // About 1.2 s of decoding at the median: healthy calls well inside the 5 s latency threshold.
          completionTokens: Math.round(m.tokensPerSecond * 1.2),
          promptTokens: 800,
          costPerCallUsd: PRICED.has(vocabulary) ? m.costPerCallUsd : 0,
          cacheHitRatio: CACHED.has(vocabulary) ? 0.5 + 0.05 * i : 0,
        });
      }
    });
    // A model rolled out part-way: its series appear at hour 9.
    const rolledOut = MODELS[vocabulary][1]!;
    streams.push({ ...streams.find((s) => s.job === job && s.model === rolledOut.model)!, model: `${rolledOut.model}-preview`, peakPerSecond: 0.1, startMinute: 9 * 60 });
  }
  return streams;
}

export interface Fault {
  name: string;
  /** The alerts that count as detecting it: alerts about this symptom. */
  detectedBy: readonly string[];
  effect: FaultEffect;
  /** Only the busy model (else the whole service). */
  busyModelOnly: boolean;
  vocabularies: ReadonlySet<ReplayVocabulary>;
}

const ALL: ReadonlySet<ReplayVocabulary> = new Set(SERVICES.map((s) => s.vocabulary));

export const FAULTS: readonly Fault[] = [
  { name: "error spike", detectedBy: ["LLMErrorRateHigh", "LLMSuccessRateLow", "LLMErrorBudgetBurn"], effect: { errorRatio: 0.15 }, busyModelOnly: true, vocabularies: ALL },
  {
    name: "slow requests",
    detectedBy: ["LLMRequestsSlow", "LLMLatencyP99High", "LLMTimeToFirstTokenBudgetBurn"],
    effect: { queueSeconds: 6 },
    busyModelOnly: true,
    vocabularies: ALL,
  },
  { name: "slow token generation", detectedBy: ["LLMTokenGenerationSlow"], effect: { tokensPerSecond: 6 }, busyModelOnly: true, vocabularies: SPEED },
  { name: "cache collapse", detectedBy: ["LLMCacheHitRateLow"], effect: { cacheHitRatio: 0.05 }, busyModelOnly: false, vocabularies: CACHED },
  { name: "cost runaway", detectedBy: ["LLMSpendRateHigh", "LLMSpendProjectedOverBudget", "LLMDailySpendHigh"], effect: { costFactor: 5 }, busyModelOnly: true, vocabularies: PRICED },
  { name: "service down", detectedBy: ["LLMServiceDown", "TargetDown"], effect: { targetDown: true }, busyModelOnly: false, vocabularies: ALL },
  { name: "telemetry vanished", detectedBy: ["LLMTelemetryMissing"], effect: { telemetryGone: true }, busyModelOnly: false, vocabularies: ALL },
];

export interface PlacedFault extends FaultWindow {
  detectedBy: readonly string[];
  vocabulary: ReplayVocabulary;
}

/** Each fault on every service that carries its symptom, one fault at a time after the healthy hours. */
export function placedFaults(): PlacedFault[] {
  return FAULTS.flatMap((fault, i) =>
    SERVICES.filter((s) => fault.vocabularies.has(s.vocabulary)).map((s) => ({
      fault: fault.name,
      job: s.job,
      vocabulary: s.vocabulary,
      model: fault.busyModelOnly ? MODELS[s.vocabulary][0]!.model : undefined,
      startMinute: HEALTHY_MINUTES + i * (FAULT_MINUTES + QUIET_MINUTES),
      minutes: FAULT_MINUTES,
      effect: fault.effect,
      detectedBy: fault.detectedBy,
    })),
  );
}

export const TOTAL_MINUTES = HEALTHY_MINUTES + FAULTS.length * (FAULT_MINUTES + QUIET_MINUTES);

/** Traffic shapes the rules were not tuned to: a seed per replica count, and bursts, clusters, restarts, a deployment. */
export function replayShape(replicas: number, seed: number): TrafficShape {
  return { seed, replicas, burstsPerHour: 0.5, errorClustersPerHour: 0.4, restartsPerHour: 1 / 8, deployments: [15 * 60 + 7] };
}
