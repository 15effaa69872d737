import type { ComponentName } from "../../config/components.ts";

/** A pinned image whose exact version cannot be built here, and what the tests run instead. */
export interface DeclaredStandIn {
  component: ComponentName;
  /** The image pin it stands in for; a new pin needs a new look. */
  image: string;
  /** The release that is built and tested instead. */
  builds: string;
  reason: string;
  /** What the Go module proxy answered for the pinned version. */
  error: string;
}

/** Every gap between the pinned images and the binaries the tests run. The version test allows these and no other. */
export const DECLARED_STAND_INS: DeclaredStandIn[] = [
  {
    component: "jaeger",
    image: "jaegertracing/jaeger:2.19.0",
    builds: "2.13.0",
    reason:
      "The Go module proxy does not serve Jaeger v2.19.0 in any form (its tag's commit 48f1e46121d1 or its pseudo-version); " +
      "the newest it serves is module v1.76.0, the twin tag of v2.13.0 (commit 63b27e1810a7).",
    error:
      "reading https://proxy.golang.org/github.com/jaegertracing/jaeger/@v/v1.76.1-0.20260603131707-48f1e46121d1.info: 403 Forbidden\n" +
      "\tserver response: This module version is not available.",
  },
];
