import type { ComponentDescription, ConfigFile } from "../components/types.ts";

/** One config file as a ConfigMap key, mounted alone (subPath) at the file's path in the container. */
export interface ConfigMapEntry {
  key: string;
  file: ConfigFile;
}

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** ConfigMap keys cannot hold '/': a file's render path becomes its key with each '/' as "__". */
export function configMapEntries(d: ComponentDescription): ConfigMapEntry[] {
  const entries = d.configFiles.map((file) => ({ key: file.path.replaceAll("/", "__"), file }));
  const seen = new Set<string>();
  for (const { key, file } of entries) {
    if (!CONFIG_MAP_KEY.test(key) || key.length > 253) throw new Error(`${d.name}: config file ${file.path} cannot be a ConfigMap key`);
    if (seen.has(key)) throw new Error(`${d.name}: two config files map to the ConfigMap key ${key}`);
    seen.add(key);
  }
  return entries;
}

export function configMapData(entries: ConfigMapEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map(({ key, file }) => [key, file.content]));
}
