import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ComponentName } from "../../config/components.ts";
import { PROJECT_ROOT } from "./paths.ts";

/** Who built a binary and when, stamped in through -ldflags. */
export interface BuildStamp {
  user: string;
  /** The build time, UTC. */
  date: Date;
}

/**
 * What a built binary's version must match: a component's image tag (Prometheus, ...) or the version of
 * an npm package in package.json (the Pulumi CLI and plugins the @pulumi/* SDKs are written for).
 */
export type ToolPin = { image: ComponentName } | { npmPackage: string };

/**
 * How a binary tells its release: `--version` (or `versionArgs`) prints it, or, for Pulumi plugins, which
 * answer only over gRPC, the upstream module version recorded in its Go build info (`go version -m`).
 */
export type VersionProbe = { args: string[] } | { goBuildInfo: true };

/**
 * One Go module under tools/: it requires an upstream module at the version a component's image pins,
 * and lists that module's commands as `tool` directives. `go build tool` in its directory builds them.
 */
export interface GoToolModule {
  /** What the built version must match. */
  pin: ToolPin;
  /** Its directory under tools/, holding go.mod and go.sum. */
  dir: string;
  /** The upstream Go module the commands come from. */
  upstream: string;
  /** The commands it builds, named as `go build` names them. */
  binaries: string[];
  /** The release a module version is ("v0.307.3" is Prometheus 3.7.3). */
  release(moduleVersion: string): string;
  /** -X flags that make `--version` report the release, as the upstream release builds set them. */
  versionFlags(moduleVersion: string, stamp: BuildStamp): string[];
  /** Linker flags besides the -X ones, as the upstream release build sets them (`-s -w` strips symbols). */
  linkFlags?: string[];
  /** Build tags, as the upstream release build sets them; default `netgo`. */
  buildTags?: string[];
  /** Default `--version`. */
  versionProbe?: VersionProbe;
  /**
   * A main package that cannot be built as it is published, because it embeds a file its `go generate`
   * writes: the build copies it from the module cache, runs the generator, then builds the copy.
   */
  generatedMain?: GeneratedMain;
}

export interface GeneratedMain {
  /** The main package, inside `upstream`. */
  packageDir: string;
  /** The generator, a file of that package run with `go run`. */
  generator: string;
  /** Its environment, from the module version. */
  generatorEnv(moduleVersion: string): Record<string, string>;
}

/** The flags promu (the Prometheus projects' release builder) sets on github.com/prometheus/common/version. */
function prometheusCommonFlags(upstream: string, release: string, moduleVersion: string, stamp: BuildStamp): string[] {
  const pkg = "github.com/prometheus/common/version";
  // promu's date layout is Go's "20060102-15:04:05".
  const date = stamp.date.toISOString().replace(/-/g, "").replace("T", "-").replace(/\.\d+Z$/, "");
  return [
    `${pkg}.Version=${release}`,
    // The module proxy hands out no commit; the module version names the source exactly (go.sum pins its hash).
    `${pkg}.Revision=${upstream}@${moduleVersion}`,
    `${pkg}.Branch=go-module`,
    `${pkg}.BuildUser=${stamp.user}`,
    `${pkg}.BuildDate=${date}`,
  ];
}

/** "v0.28.1" is 0.28.1. */
function plainRelease(moduleVersion: string): string {
  return moduleVersion.replace(/^v/, "");
}

/** Prometheus 3.x is published as module v0.3XX.Y: "v0.307.3" is 3.7.3. */
function prometheusRelease(moduleVersion: string): string {
  const match = /^v0\.(\d+)(\d\d)\.(\d+)$/.exec(moduleVersion);
  if (!match) throw new Error(`unexpected Prometheus module version ${moduleVersion}`);
  return `${match[1]}.${Number(match[2])}.${match[3]}`;
}

/**
 * Jaeger tags each v2 release twice on one commit, v2.x and v1.y; the module path has no /v2, so the
 * module proxy serves it under the v1.y tag. The twins this project builds, with their commit.
 */
const JAEGER_TWIN_TAGS: Record<string, { release: string; commit: string }> = {
  "v1.76.0": { release: "2.13.0", commit: "63b27e1810a710ac54dc4522da0538e540bdc545" },
};

function jaegerTwin(moduleVersion: string): { release: string; commit: string } {
  const twin = JAEGER_TWIN_TAGS[moduleVersion];
  if (!twin) throw new Error(`no v2 twin tag declared for Jaeger module ${moduleVersion} (cli/tools/goModules.ts)`);
  return twin;
}

/**
 * The Go module proxy serves pulumi-kubernetes' provider/v4 only as pseudo-versions of tagged commits;
 * the releases they are, with the commit (`git rev-parse <tag>^{commit}`).
 */
const KUBERNETES_PROVIDER_TAGS: Record<string, { release: string; commit: string }> = {
  "v4.0.0-20260115033456-f47bc2d6f199": { release: "4.25.0", commit: "f47bc2d6f1996444d11c12b4ef083b82585f7c07" },
};

function kubernetesProviderRelease(moduleVersion: string): string {
  const tag = KUBERNETES_PROVIDER_TAGS[moduleVersion];
  if (!tag) throw new Error(`no release declared for pulumi-kubernetes provider module ${moduleVersion} (cli/tools/goModules.ts)`);
  return tag.release;
}

/** Where the Pulumi CLI and its Node.js language host read their version (pulumi/pulumi's .goreleaser.yml). */
const PULUMI_VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";

/** The tags pulumi/pulumi's .goreleaser.yml builds the CLI and language hosts with. */
const PULUMI_BUILD_TAGS = ["osusergo", "grpcnotrace"];

export const GO_TOOL_MODULES: GoToolModule[] = [
  {
    pin: { image: "prometheus" },
    dir: "prometheus",
    upstream: "github.com/prometheus/prometheus",
    binaries: ["prometheus", "promtool"],
    release: prometheusRelease,
    versionFlags(moduleVersion, stamp) {
      return prometheusCommonFlags(this.upstream, this.release(moduleVersion), moduleVersion, stamp);
    },
  },
  {
    pin: { image: "alertmanager" },
    dir: "alertmanager",
    upstream: "github.com/prometheus/alertmanager",
    binaries: ["alertmanager", "amtool"],
    release: plainRelease,
    versionFlags(moduleVersion, stamp) {
      return prometheusCommonFlags(this.upstream, this.release(moduleVersion), moduleVersion, stamp);
    },
  },
  {
    pin: { image: "node-exporter" },
    dir: "node_exporter",
    upstream: "github.com/prometheus/node_exporter",
    binaries: ["node_exporter"],
    release: plainRelease,
    versionFlags(moduleVersion, stamp) {
      return prometheusCommonFlags(this.upstream, this.release(moduleVersion), moduleVersion, stamp);
    },
  },
  {
    pin: { image: "jaeger" },
    dir: "jaeger",
    upstream: "github.com/jaegertracing/jaeger",
    binaries: ["jaeger"],
    release: (moduleVersion) => jaegerTwin(moduleVersion).release,
    versionFlags(moduleVersion, stamp) {
      // Jaeger's Makefile (BuildInfo.mk) sets these three on internal/version.
      const pkg = "github.com/jaegertracing/jaeger/internal/version";
      const twin = jaegerTwin(moduleVersion);
      return [`${pkg}.latestVersion=v${twin.release}`, `${pkg}.commitSHA=${twin.commit}`, `${pkg}.date=${stamp.date.toISOString().replace(/\.\d+Z$/, "Z")}`];
    },
  },
  {
    pin: { npmPackage: "@pulumi/pulumi" },
    dir: "pulumi",
    upstream: "github.com/pulumi/pulumi/pkg/v3",
    binaries: ["pulumi"],
    release: plainRelease,
    versionFlags: (moduleVersion) => [`${PULUMI_VERSION_VARIABLE}=${moduleVersion}`],
    linkFlags: ["-w", "-s"],
    buildTags: PULUMI_BUILD_TAGS,
    versionProbe: { args: ["version"] },
  },
  {
    pin: { npmPackage: "@pulumi/pulumi" },
    dir: "pulumi-language-nodejs",
    upstream: "github.com/pulumi/pulumi/sdk/v3",
    binaries: ["pulumi-language-nodejs"],
    release: plainRelease,
    versionFlags: (moduleVersion) => [`${PULUMI_VERSION_VARIABLE}=${moduleVersion}`],
    linkFlags: ["-w", "-s"],
    buildTags: PULUMI_BUILD_TAGS,
    // It answers its version only over gRPC (GetPluginInfo).
    versionProbe: { goBuildInfo: true },
  },
  {
    pin: { npmPackage: "@pulumi/kubernetes" },
    dir: "pulumi-resource-kubernetes",
    upstream: "github.com/pulumi/pulumi-kubernetes/provider/v4",
    binaries: ["pulumi-resource-kubernetes"],
    release: kubernetesProviderRelease,
    linkFlags: ["-s", "-w"],
    // pulumi-kubernetes' .goreleaser.yml: the tag, with its "v".
    versionFlags(moduleVersion) {
      return [`github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=v${this.release(moduleVersion)}`];
    },
    versionProbe: { goBuildInfo: true },
    generatedMain: {
      packageDir: "cmd/pulumi-resource-kubernetes",
      generator: "generate.go",
      // Its Makefile passes the release without the "v" (pulumictl convert-version --language generic).
      generatorEnv: (moduleVersion) => ({ VERSION: kubernetesProviderRelease(moduleVersion) }),
    },
  },
];

/** The version of the upstream module that a tools/ module's go.mod requires. */
export function requiredVersion(module: GoToolModule): string {
  const goMod = readFileSync(join(PROJECT_ROOT, "tools", module.dir, "go.mod"), "utf8");
  const escaped = module.upstream.replace(/[.]/g, "\\.");
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped} (v\\S+)`, "m").exec(goMod);
  if (!match?.[1]) throw new Error(`tools/${module.dir}/go.mod does not require ${module.upstream}`);
  return match[1];
}

/** The release a tools/ module builds, from its go.mod. */
export function builtRelease(module: GoToolModule): string {
  return module.release(requiredVersion(module));
}
