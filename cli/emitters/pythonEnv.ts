import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../tools/paths.ts";

/** The pinned Python libraries the conformance tests run (prometheus_client, the OpenTelemetry Python SDK). */
export const PYTHON_REQUIREMENTS = join(PROJECT_ROOT, "test", "support", "emitters", "python", "requirements.txt");

/** The virtual environment `npm run emitters` creates (git ignores .tools/). */
export const PYTHON_ENV_DIR = join(PROJECT_ROOT, ".tools", "python");

export const PYTHON_IN_ENV = join(PYTHON_ENV_DIR, "bin", "python");

/** A copy of the requirements the environment was installed from: a changed file means reinstall. */
export const INSTALLED_REQUIREMENTS = join(PYTHON_ENV_DIR, "installed-requirements.txt");

/** Python versions the pinned libraries support; the first one found on PATH makes the environment. */
export const PYTHON_CANDIDATES = ["python3.13", "python3.12", "python3.11", "python3.10", "python3.9", "python3"];

/** Whether the environment holds exactly the pinned requirements. */
export function pythonEnvCurrent(): boolean {
  return (
    existsSync(PYTHON_IN_ENV) &&
    existsSync(INSTALLED_REQUIREMENTS) &&
    readFileSync(INSTALLED_REQUIREMENTS, "utf8") === readFileSync(PYTHON_REQUIREMENTS, "utf8")
  );
}
