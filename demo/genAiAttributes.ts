/**
 * The OpenTelemetry GenAI semantic-convention attribute names the demo sets (the conventions' current
 * names; the semantic-conventions package in node_modules predates gen_ai.provider.name).
 */
export const GEN_AI = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  requestModel: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  agentName: "gen_ai.agent.name",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  errorType: "error.type",
} as const;

/** The operation every demo call is: a chat completion. */
export const CHAT = "chat";
