import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PINNED_IMAGES } from "../../components/images.ts";
import type { ToolPin } from "./goModules.ts";
import { PROJECT_ROOT } from "./paths.ts";

/** "prom/prometheus:v3.7.3" -> "3.7.3". */
export function imageVersion(image: string): string {
  const tag = /:([^:/@]+)$/.exec(image)?.[1];
  if (!tag) throw new Error(`${image} has no version tag`);
  return tag.replace(/^v/, "");
}

/** The exact version package.json pins a dependency at. */
export function npmPinnedVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  const version = manifest.dependencies?.[name];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`package.json does not pin ${name} to an exact version (${version})`);
  return version;
}

/** The release a binary built for this pin must report. */
export function pinnedRelease(pin: ToolPin): string {
  return "image" in pin ? imageVersion(PINNED_IMAGES[pin.image]) : npmPinnedVersion(pin.npmPackage);
}

/** The pin as a person reads it: "jaegertracing/jaeger:2.19.0", "@pulumi/kubernetes 4.34.2". */
export function describePin(pin: ToolPin): string {
  return "image" in pin ? PINNED_IMAGES[pin.image] : `${pin.npmPackage} ${npmPinnedVersion(pin.npmPackage)}`;
}
