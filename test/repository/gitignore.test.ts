import { expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../support/cli/runScript.ts";

test("the README's render output folder is ignored by git", () => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const folders = [...readme.matchAll(/npm run render -- --out (\S+)/g)].map((m) => m[1]!);
  expect(folders.length).toBeGreaterThan(0);
  for (const folder of folders) {
    const check = spawnSync("git", ["check-ignore", "--quiet", "--no-index", `${folder}/prometheus/prometheus.yml`], { cwd: REPO_ROOT });
    expect(check.status, `${folder}/ is not in .gitignore`).toBe(0);
  }
});
