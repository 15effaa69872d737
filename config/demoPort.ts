/**
 * The port the demo LLM service (`npm run demo`) serves its metrics and fault switches on: where the
 * stack looks for your LLM service by default (`llmService.targets`), so the demo needs no config.
 */
export const DEMO_PORT = 8000;
