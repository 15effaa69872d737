/**
 * npm run emitters [-- --force]
 *
 * Installs the Python libraries the conformance tests run as real emitters (prometheus_client and the
 * OpenTelemetry Python SDK with its Prometheus and OTLP exporters), at the versions pinned in
 * test/support/emitters/python/requirements.txt, into a virtual environment in .tools/python. An
 * environment already holding exactly those pins is kept, so a second run takes a moment.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { runCli, PreconditionError } from "./commandLine/run.ts";
import { INSTALLED_REQUIREMENTS, PYTHON_CANDIDATES, PYTHON_ENV_DIR, PYTHON_IN_ENV, PYTHON_REQUIREMENTS, pythonEnvCurrent } from "./emitters/pythonEnv.ts";

const USAGE = "usage: npm run emitters [-- --force]";

function systemPython(): string {
  for (const candidate of PYTHON_CANDIDATES) {
    try {
      const version = execFileSync(candidate, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      const [major, minor] = version.split(".").map(Number);
      if (major === 3 && minor! >= 9) return candidate;
    } catch {
      // not on PATH; try the next
    }
  }
  throw new PreconditionError(`No Python 3.9 or newer on PATH (tried ${PYTHON_CANDIDATES.join(", ")}): install one (with its venv module) and run npm run emitters again.`);
}

runCli(USAGE, async (argv) => {
  const { values } = parseArgs({ args: argv, options: { force: { type: "boolean", default: false } }, strict: true });
  if (!values.force && pythonEnvCurrent()) {
    console.log(`Python emitters up to date in ${PYTHON_ENV_DIR}`);
    return;
  }
  const python = systemPython();
  rmSync(PYTHON_ENV_DIR, { recursive: true, force: true });
  console.log(`Creating ${PYTHON_ENV_DIR} with ${python}...`);
  execFileSync(python, ["-m", "venv", PYTHON_ENV_DIR], { stdio: "inherit" });
  console.log(`Installing ${PYTHON_REQUIREMENTS}...`);
  execFileSync(PYTHON_IN_ENV, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-r", PYTHON_REQUIREMENTS], { stdio: "inherit" });
  execFileSync(PYTHON_IN_ENV, ["-m", "pip", "check"], { stdio: "inherit" });
  copyFileSync(PYTHON_REQUIREMENTS, INSTALLED_REQUIREMENTS);
  console.log(`Python emitters ready in ${PYTHON_ENV_DIR}`);
});
