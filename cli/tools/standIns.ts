/** A pinned version that cannot be built here, and what is built and tested instead. */
export interface DeclaredStandIn {
  /** The tools/ module that builds the stand-in. */
  dir: string;
  /** The pin it stands in for, as `describePin` gives it; a new pin needs a new look. */
  pinned: string;
  /** The release that is built and tested instead. */
  builds: string;
  reason: string;
  /** What the Go module proxy answered for the pinned version. */
  error: string;
  /** What the stand-in does differently from the pinned release, and what the tests do about it. */
  differences?: string;
}

/** Every gap between the pinned versions and the binaries the tests run. The version test allows these and no other. */
export const DECLARED_STAND_INS: DeclaredStandIn[] = [
  {
    dir: "jaeger",
    pinned: "jaegertracing/jaeger:2.19.0",
    builds: "2.13.0",
    reason:
      "The Go module proxy does not serve Jaeger v2.19.0 in any form (its tag's commit 48f1e46121d1 or its pseudo-version); " +
      "the newest it serves is module v1.76.0, the twin tag of v2.13.0 (commit 63b27e1810a7).",
    error:
      "reading https://proxy.golang.org/github.com/jaegertracing/jaeger/@v/v1.76.1-0.20260603131707-48f1e46121d1.info: 403 Forbidden\n" +
      "\tserver response: This module version is not available.",
  },
  {
    dir: "pulumi-language-nodejs",
    pinned: "@pulumi/pulumi 3.248.0",
    builds: "3.68.0",
    reason:
      "Since v3.69.0 the Node.js language host is a Go module of its own, github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, " +
      "and the Go module proxy serves none of its versions (not even its version list). Up to v3.68.0 it was a package of " +
      "github.com/pulumi/pulumi/sdk/v3, which the proxy serves: v3.68.0 is the newest release that still holds it " +
      "(v3.69.0's sdk/v3 no longer does).",
    error:
      "reading https://proxy.golang.org/github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3/@v/v3.248.0.info: 403 Forbidden\n" +
      "\tserver response: This module version is not available.",
    differences:
      "The CLI (3.248.0) starts it with only the engine's address and hands the project's runtime options over in the run " +
      "request, which 3.68.0 does not read: Pulumi.yaml's `nodeargs: --import tsx` and `typescript: false` do not reach it. " +
      "It starts node with PULUMI_NODEJS_TYPESCRIPT=true (the SDK then registers its bundled ts-node for require()), and " +
      "the engine tests give node `--import tsx` through NODE_OPTIONS, which it passes on. Its resource monitor proxy " +
      "forwards the 3.248.0 SDK's requests with the fields it does not know intact (replaceWith, replacementTrigger reach " +
      "the engine); a call it does not know at all would fail, which no path of this program makes.",
  },
  {
    dir: "pulumi-resource-kubernetes",
    pinned: "@pulumi/kubernetes 4.34.2",
    builds: "4.25.0",
    reason:
      "The Go module proxy serves github.com/pulumi/pulumi-kubernetes/provider/v4 at one version only, the pseudo-version " +
      "v4.0.0-20260115033456-f47bc2d6f199, which is the commit tagged v4.25.0.",
    error:
      "reading https://proxy.golang.org/github.com/pulumi/pulumi-kubernetes/provider/v4/@v/v4.34.2.info: 403 Forbidden\n" +
      "\tserver response: This module version is not available.",
    differences:
      "The CLI warns \"resource plugin kubernetes is expected to have version >=4.34.2, but has 4.25.0\" and uses it; the " +
      "engine tests expect that warning.",
  },
];
