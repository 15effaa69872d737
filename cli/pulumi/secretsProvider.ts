import { existsSync, readFileSync } from "node:fs";
import { load } from "js-yaml";
import type { PulumiBackend } from "./backend.ts";

/**
 * How a stack's secrets are encrypted, as Pulumi decides it: the stack file's `secretsprovider` when set;
 * else the passphrase provider when the file carries an `encryptionsalt`; else the backend's default (the
 * service for Pulumi Cloud, the passphrase for every self-managed backend).
 */
export type SecretsProvider = { kind: "passphrase"; why: string } | { kind: "other"; name: string };

export function stackSecretsProvider(stackFile: string, backend: PulumiBackend): SecretsProvider {
  const settings = existsSync(stackFile)
    ? ((load(readFileSync(stackFile, "utf8")) ?? {}) as { secretsprovider?: unknown; encryptionsalt?: unknown })
    : {};
  const configured = typeof settings.secretsprovider === "string" ? settings.secretsprovider : undefined;
  if (configured && configured !== "passphrase") return { kind: "other", name: configured };
  if (configured === "passphrase") return { kind: "passphrase", why: "the stack file sets secretsprovider: passphrase" };
  if (settings.encryptionsalt !== undefined) return { kind: "passphrase", why: "the stack file carries a passphrase's encryptionsalt" };
  if (backend.kind === "cloud") return { kind: "other", name: `Pulumi Cloud (${backend.url})` };
  return { kind: "passphrase", why: `the ${backend.kind} backend ${backend.url} (from ${backend.source}) encrypts secrets with a passphrase` };
}
