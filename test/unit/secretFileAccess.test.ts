import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { secretFileAccess } from "../../targets/docker/secretFileAccess.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

interface FileOwner {
  uid: number;
  gid: number;
  mode: number;
}

/** POSIX read permission for a process with a uid, a primary gid and supplementary groups. */
function canRead(file: FileOwner, uid: number, gids: number[]): boolean {
  if (uid === 0) return true;
  if (uid === file.uid) return (file.mode & 0o400) !== 0;
  if (gids.includes(file.gid)) return (file.mode & 0o040) !== 0;
  return (file.mode & 0o004) !== 0;
}

// Whether the Docker provider applies an upload's owner and group is not certain; an unreadable secret
// would leave Grafana on its default password. Each component must read its secrets either way.
describe("every secret file is readable by its component's runtime user, whatever owner it ends up with", () => {
  const config = parseStackConfig({ values: { target: "docker" }, secrets: { alertmanagerWebhookUrl: "https://hooks.example/x" } }, STACK_FACTS);
  const readers = describeStack(config).components.filter((d) => d.secretFiles.length > 0);

  test("Grafana and Alertmanager read secrets", () => {
    expect(readers.map((d) => d.name).sort()).toEqual(["alertmanager", "grafana"]);
  });

  test.each(readers.map((d) => [d.name, d] as const))("%s", (_name, d) => {
    const access = secretFileAccess(d);
    const mode = Number.parseInt(access.permissions, 8);
    const groups = [d.runAs.group, ...access.groupAdds.map(Number)];
    const asUploaded = { uid: Number(access.owner), gid: Number(access.group), mode };
    const ownerIgnored = { uid: 0, gid: 0, mode };
    expect(canRead(asUploaded, d.runAs.user, groups)).toBe(true);
    expect(canRead(ownerIgnored, d.runAs.user, groups)).toBe(true);
    // ...and by no other user in the container.
    expect(mode & 0o007).toBe(0);
    expect(canRead(asUploaded, 12345, [12345])).toBe(false);
  });
});
