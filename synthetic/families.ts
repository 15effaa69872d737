import { SPREAD } from "./workload.ts";

export type Labels = Record<string, string>;

export interface Sample {
  /** Appended to the family name: "", "_total", "_bucket", "_sum", "_count". */
  suffix: string;
  labels: Labels;
  value: number;
}

export interface Family {
  /** The metric name without type suffixes: "llm_requests" for the counter llm_requests_total. */
  name: string;
  type: "counter" | "gauge" | "histogram";
  samples: Sample[];
}

export function counter(name: string): Family {
  return { name, type: "counter", samples: [] };
}

export function gauge(name: string): Family {
  return { name, type: "gauge", samples: [] };
}

export function histogram(name: string): Family {
  return { name, type: "histogram", samples: [] };
}

export function addCounter(family: Family, labels: Labels, value: number): void {
  family.samples.push({ suffix: "_total", labels, value });
}

export function addGauge(family: Family, labels: Labels, value: number): void {
  family.samples.push({ suffix: "", labels, value });
}

/**
 * `count` observations spread around `typical` (see SPREAD), as cumulative buckets, sum and count.
 */
export function addObservations(family: Family, labels: Labels, buckets: number[], count: number, typical: number): void {
  const observations = SPREAD.map(([share, factor]) => ({ share, value: typical * factor }));
  for (const le of buckets) {
    const below = observations.filter((o) => o.value <= le).reduce((sum, o) => sum + o.share, 0);
    family.samples.push({ suffix: "_bucket", labels: { ...labels, le: String(le) }, value: count * below });
  }
  family.samples.push({ suffix: "_bucket", labels: { ...labels, le: "+Inf" }, value: count });
  family.samples.push({ suffix: "_sum", labels, value: count * observations.reduce((sum, o) => sum + o.share * o.value, 0) });
  family.samples.push({ suffix: "_count", labels, value: count });
}

/** The mean of an observed distribution with the given typical value. */
export function meanOf(typical: number): number {
  return SPREAD.reduce((sum, [share, factor]) => sum + share * factor * typical, 0);
}

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
  return pairs.length ? `{${pairs.join(",")}}` : "";
}

/** Prometheus' text exposition format (what a scrape of /metrics returns). */
export function toTextFormat(families: Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    const typeName = family.type === "counter" ? `${family.name}_total` : family.name;
    lines.push(`# TYPE ${typeName} ${family.type}`);
    for (const sample of family.samples) lines.push(`${family.name}${sample.suffix}${labelText(sample.labels)} ${sample.value}`);
  }
  return `${lines.join("\n")}\n`;
}

/** One sample line in OpenMetrics with a timestamp (seconds), for backfilling. */
export function openMetricsLine(family: Family, sample: Sample, timestampSeconds: number): string {
  return `${family.name}${sample.suffix}${labelText(sample.labels)} ${sample.value} ${timestampSeconds}`;
}

export function openMetricsType(family: Family): string {
  return `# TYPE ${family.name} ${family.type}`;
}

/**
 * What prometheus_client exposes next to each counter and histogram child, and Prometheus stores as a series
 * of its own: `<name>_created`, a gauge holding when the child was created (Unix seconds).
 */
export function createdFamilies(families: Family[], createdAtSeconds: number): Family[] {
  return families
    .filter((family) => family.type !== "gauge")
    .map((family) => {
      const created = gauge(`${family.name}_created`);
      const children = family.samples.filter((sample) => sample.suffix === (family.type === "counter" ? "_total" : "_count"));
      for (const child of children) addGauge(created, child.labels, createdAtSeconds);
      return created;
    });
}

/** Families of the same name from several renders, as one exposition must have them: once each. */
export function mergeFamilies(...groups: Family[][]): Family[] {
  const byName = new Map<string, Family>();
  for (const family of groups.flat()) {
    const existing = byName.get(family.name);
    if (existing) existing.samples.push(...family.samples);
    else byName.set(family.name, { ...family, samples: [...family.samples] });
  }
  return [...byName.values()];
}
