import type { StackConfig } from "../../config/schema.ts";

/** A PromQL string literal (Go-style escapes, which JSON's match for these). */
function promString(text: string): string {
  return JSON.stringify(text);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Adds a `team` label derived from agent_id: the configured pattern first, then the exact per-agent
 * assignments, which win. Done at query time, so a changed mapping applies to past data too.
 */
export function withTeam(expr: string, teams: StackConfig["dashboards"]["teams"]): string {
  let mapped = `label_replace(${expr}, "team", ${promString(teams.replacement)}, "agent_id", ${promString(teams.pattern)})`;
  for (const [agent, team] of Object.entries(teams.agents)) {
    mapped = `label_replace(${mapped}, "team", ${promString(team)}, "agent_id", ${promString(escapeRegex(agent))})`;
  }
  return mapped;
}
