import type { ComponentDescription, ConfigFile } from "../../components/types.ts";

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

/** The API server refuses objects over 1 MiB; leave room for metadata. */
export const CONFIG_MAP_MAX_BYTES = 1_000_000;

export function configMapData(entries: ConfigMapEntry[]): Record<string, string> {
  const bytes = entries.reduce((total, { key, file }) => total + Buffer.byteLength(key) + Buffer.byteLength(file.content), 0);
  if (bytes > CONFIG_MAP_MAX_BYTES) {
    throw new Error(`the config files come to ${bytes} bytes, more than one ConfigMap holds (${CONFIG_MAP_MAX_BYTES})`);
  }
  return Object.fromEntries(entries.map(({ key, file }) => [key, file.content]));
}
