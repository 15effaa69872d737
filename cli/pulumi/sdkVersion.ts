import { createRequire } from "node:module";

/** The version of @pulumi/pulumi this project is built with; the CLI is tested at the same version. */
export const PULUMI_SDK_VERSION = (createRequire(import.meta.url)("@pulumi/pulumi/package.json") as { version: string }).version;
