import { describe, expect, test } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { REPO_ROOT } from "../support/cli/runScript.ts";

// A stack file's encryptionsalt ties every clone to one person's passphrase, and a CI preview with another
// passphrase or only a token then fails. Pulumi writes it on the first `up`; it must not be committed.
describe("the committed stack files", () => {
  const tracked = execFileSync("git", ["ls-files", "stacks/Pulumi.*.yaml"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\n").filter(Boolean);

  test("there are stack files", () => {
    expect(tracked).toEqual(expect.arrayContaining(["stacks/Pulumi.local.yaml", "stacks/Pulumi.cluster.yaml"]));
  });

  test.each(tracked)("%s (as committed) carries no secrets-provider settings", (path) => {
    const committed = execFileSync("git", ["show", `HEAD:${path}`], { cwd: REPO_ROOT, encoding: "utf8" });
    const settings = load(committed) as Record<string, unknown>;
    for (const key of ["encryptionsalt", "secretsprovider", "encryptedkey"]) expect(settings, `${path}: ${key}`).not.toHaveProperty(key);
    // The working copy may carry the developer's own salt; its config must still be the committed one's kind of file.
    expect(load(readFileSync(join(REPO_ROOT, path), "utf8"))).toHaveProperty("config");
  });
});
