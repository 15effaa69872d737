import { load } from "js-yaml";
import { structuralChanges, type ValueChange } from "./structural.ts";

export interface ConfigFileDiff {
  file: string;
  status: "added" | "removed" | "changed";
  /** Key by key, when both sides parse as YAML or JSON. */
  changes: ValueChange[];
  /** The file is not YAML or JSON: only that its text changed is known. */
  textOnly?: boolean;
}

export interface TextFile {
  file: string;
  text: string;
}

/** YAML is a superset of JSON, so one parser reads every config file the stack renders. */
export function parseConfig(text: string): { value: unknown } | undefined {
  try {
    return { value: load(text) };
  } catch {
    return undefined;
  }
}

/**
 * Compares one config file (Prometheus, Grafana provisioning, Jaeger, Alertmanager) key by key.
 * Comments and formatting are not compared: only what the component reads.
 */
export function compareConfigFile(file: string, before: string | undefined, after: string | undefined): ConfigFileDiff | undefined {
  if (before === after) return undefined;
  if (before === undefined) return { file, status: "added", changes: [] };
  if (after === undefined) return { file, status: "removed", changes: [] };
  const old = parseConfig(before);
  const current = parseConfig(after);
  if (!old || !current) return { file, status: "changed", changes: [], textOnly: true };
  const changes = structuralChanges(old.value, current.value);
  return changes.length > 0 ? { file, status: "changed", changes } : undefined;
}
