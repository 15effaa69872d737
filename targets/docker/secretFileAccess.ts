import type { ComponentDescription } from "../../components/types.ts";

/** The group every file a container is given belongs to when the provider does not set owner and group. */
const ROOT_GROUP = 0;

export interface SecretFileAccess {
  owner: string;
  group: string;
  permissions: string;
  /** Supplementary groups the container's process needs to read its secret files. */
  groupAdds: string[];
}

/**
 * How a secret file is uploaded into a container so that its runtime user can read it whatever owner the
 * file ends up with: owned by the user and its group, mode 0440; and, because a Docker provider that
 * ignores `owner` and `group` leaves the file root:root, the process is also in the root group (no
 * privilege in itself) when its own group is another. Nobody else in the container can read it.
 */
export function secretFileAccess(d: ComponentDescription): SecretFileAccess {
  return {
    owner: String(d.runAs.user),
    group: String(d.runAs.group),
    permissions: "0440",
    groupAdds: d.secretFiles.length > 0 && d.runAs.group !== ROOT_GROUP ? [String(ROOT_GROUP)] : [],
  };
}

/**
 * The container health check's shell test that every secret file is readable, with a message that names
 * the file; a component that cannot read its secret never becomes healthy, so `pulumi up` fails.
 */
export function secretFilesReadableTest(d: ComponentDescription): string | undefined {
  if (d.secretFiles.length === 0) return undefined;
  return d.secretFiles.map((file) => `{ test -r ${file.mountPath} || { echo "cannot read the secret file ${file.mountPath}"; exit 1; }; }`).join(" && ");
}
