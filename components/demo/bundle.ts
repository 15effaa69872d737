import { buildSync } from "esbuild";
import { fileURLToPath } from "node:url";

/** The repository's root, which the entry and every path esbuild records are relative to. */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The demo service's container entry (`node demo.mjs --prometheus ... --otlp ...`): the service and its
 * settings, without the stack config's parser, zod or the Grafana SDK. It is read here as source, the
 * way a Dockerfile's COPY reads it, not imported: demo/ is a layer above components/.
 */
export const DEMO_ENTRY = "demo/main.ts";

// ES modules have no `require`; the CommonJS libraries bundled in (prom-client) require Node's own modules.
const REQUIRE_SHIM = 'import { createRequire as __llmobsCreateRequire } from "node:module";\nconst require = __llmobsCreateRequire(import.meta.url);';

let bundled: string | undefined;

/**
 * The demo service and every library it uses in one ES module, for `node` in a stock Node image. The same
 * bytes on every render, from any checkout: minified (no comments naming the files it came from), the
 * libraries' ES module builds (a third of their CommonJS size), and nothing of the machine it was built on.
 * Built once per process; about 220 kB.
 */
export function demoBundle(): string {
  bundled ??= buildDemoBundle();
  return bundled;
}

/** A new build of the bundle, for the check that two builds are the same bytes; demoBundle() builds once. */
export function buildDemoBundle(): string {
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: [DEMO_ENTRY],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    mainFields: ["module", "main"],
    minify: true,
    legalComments: "none",
    charset: "ascii",
    banner: { js: REQUIRE_SHIM },
    write: false,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output || result.errors.length > 0) throw new Error(`bundling ${DEMO_ENTRY} failed: ${result.errors.map((e) => e.text).join("; ")}`);
  return output.text;
}
