import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import type { RenderedFile } from "../../components/renderedFiles.ts";

/** Lists what the last render wrote, so the next one can remove files that are no longer generated. */
const MANIFEST = ".llmobs-render.json";

export interface WriteReport {
  written: string[];
  removed: string[];
}

/**
 * Writes the rendered files under `outDir`. Files an earlier render wrote and this one no longer produces
 * are removed; nothing else in the directory is ever touched.
 */
export function writeRenderedFiles(files: RenderedFile[], outDir: string): WriteReport {
  const root = resolve(outDir);
  const manifestPath = join(root, MANIFEST);
  const previous: string[] = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, "utf8")) as { files: string[] }).files
    : [];
  const current = new Set(files.map((file) => file.path));
  const removed: string[] = [];
  for (const path of previous) {
    const target = resolve(root, path);
    if (current.has(path) || !target.startsWith(root + sep)) continue;
    if (existsSync(target)) {
      rmSync(target);
      removed.push(path);
    }
  }
  for (const file of files) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
  writeFileSync(manifestPath, `${JSON.stringify({ files: [...current].sort() }, null, 2)}\n`);
  return { written: files.map((file) => file.path), removed };
}
