import { PYTHON_ENV_DIR, PYTHON_IN_ENV, PYTHON_REQUIREMENTS, pythonEnvCurrent } from "../../cli/emitters/pythonEnv.ts";

/**
 * The Python of the environment `npm run emitters` installs the pinned emitter libraries into. A missing
 * or outdated environment fails the test loudly with the command that fixes it; it is never skipped.
 */
export function requirePython(): string {
  if (pythonEnvCurrent()) return PYTHON_IN_ENV;
  throw new Error(
    `This test runs the Python emitters pinned in ${PYTHON_REQUIREMENTS}, but ${PYTHON_ENV_DIR} is missing or holds other versions. ` +
      "Run `npm run emitters` (it needs Python 3.9 or newer with venv, and PyPI).",
  );
}
