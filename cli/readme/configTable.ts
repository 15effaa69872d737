import { z } from "zod";
import { COMPONENT_NAMES } from "../../config/components.ts";
import { KEY_DOCS, type KeyDoc } from "../../config/keyDocs.ts";
import { SECRETS, stackConfigSchema } from "../../config/schema.ts";
import { code, markdownTable } from "./markdownTable.ts";

/** One row of the configuration table. */
interface Row {
  key: string;
  default: string;
  doc: string;
}

/**
 * The wrappers a key's schema may sit in: a default, a default for absent sections, optional, and a pipe
 * (a value read before it is checked, or one completed after: the schema that states the keys).
 */
function unwrapped(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional) return unwrapped(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return unwrapped((schema.def.in instanceof z.ZodTransform ? schema.def.out : schema.def.in) as z.ZodType);
  return schema;
}

/** The doc of a key, registered on the schema in its section or on one it wraps. */
function docOf(schema: z.ZodType): KeyDoc | undefined {
  const own = KEY_DOCS.get(schema);
  if (own) return own;
  return schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional ? docOf(schema.unwrap() as z.ZodType) : undefined;
}

function defaultOf(schema: z.ZodType): { value: unknown } | undefined {
  if (schema instanceof z.ZodDefault) return { value: schema.def.defaultValue };
  return schema instanceof z.ZodOptional || schema instanceof z.ZodPrefault ? defaultOf(schema.unwrap() as z.ZodType) : undefined;
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return code(`[${value.map((v) => (v && typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ")}]`);
  if (value && typeof value === "object") return code(JSON.stringify(value));
  return code(String(value));
}

/** `ports.*`, `images.<component>`, `kubernetes.storage.{prometheus,grafana}`: a section given one row. */
function sectionKey(path: string, section: z.ZodObject): string {
  const keys = Object.keys(section.shape);
  if (!keys.every((key) => (COMPONENT_NAMES as readonly string[]).includes(key))) return `${path}.*`;
  const components = keys.length === COMPONENT_NAMES.length ? "<component>" : `{${keys.join(",")}}`;
  const field = unwrapped(Object.values(section.shape)[0] as z.ZodType);
  return field instanceof z.ZodObject ? `${path}.${components}.{${Object.keys(field.shape).join(",")}}` : `${path}.${components}`;
}

/** What the schema cannot state, computed from the rest of the project: by key, a default, and words added to the doc. */
export interface Computed {
  defaults: Record<string, string>;
  notes: Record<string, string>;
}

function rowsOf(shape: Record<string, z.ZodType>, prefix: string, computed: Computed): Row[] {
  return Object.entries(shape).flatMap(([name, schema]): Row[] => {
    const path = `${prefix}${name}`;
    const doc = docOf(schema);
    const inner = unwrapped(schema);
    if (inner instanceof z.ZodObject && !doc) return rowsOf(inner.shape as Record<string, z.ZodType>, `${path}.`, computed);
    // A list of sections (the LLM services' scrape jobs): a row per key of an entry, `path[].key`.
    const element = inner instanceof z.ZodArray ? unwrapped(inner.element as z.ZodType) : undefined;
    if (element instanceof z.ZodObject && !doc) return rowsOf(element.shape as Record<string, z.ZodType>, `${path}[].`, computed);
    if (!doc) throw new Error(`config key ${path} has no doc: document it in the describeKeys block below its section in config/`);
    const choices = inner instanceof z.ZodEnum ? `${(inner.options as string[]).map(code).join(", ")}: ` : "";
    if (inner instanceof z.ZodObject) {
      const field = Object.values(inner.shape)[0] as z.ZodType;
      const fieldDefault = defaultOf(field);
      const shownDefault = computed.defaults[path] ?? doc.unset ?? (fieldDefault ? shown(fieldDefault.value) : "none");
      return [{ key: code(sectionKey(path, inner)), default: shownDefault, doc: doc.doc }];
    }
    const given = defaultOf(schema);
    const shownDefault = computed.defaults[path] ?? (given ? shown(given.value) : (doc.unset ?? "none"));
    return [{ key: code(path), default: shownDefault, doc: `${choices}${doc.doc}${computed.notes[path] ?? ""}` }];
  });
}

/**
 * The README's configuration table, from the schema: every key with its default and its doc, a section
 * with a doc of its own in one row, each secret after its section.
 */
export function configTable(computed: Computed): string {
  const rows = rowsOf(stackConfigSchema.shape as Record<string, z.ZodType>, "", computed);
  const sectionOf = new Map<string, string>(Object.entries(SECRETS).map(([name, secret]) => [`${code(name)} (secret)`, secret.section]));
  for (const [name, secret] of Object.entries(SECRETS)) {
    // After the section's keys and the secrets of the section already placed, in the order SECRETS lists them.
    const lastOfSection = rows.findLastIndex((row) => row.key.startsWith(`\`${secret.section}.`) || sectionOf.get(row.key) === secret.section);
    rows.splice(lastOfSection + 1, 0, { key: `${code(name)} (secret)`, default: secret.unset, doc: secret.doc });
  }
  return markdownTable(["Key", "Default", "What it sets, and what is allowed"], rows.map((row) => [row.key, row.default, row.doc]));
}
