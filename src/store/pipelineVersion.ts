import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The folders whose code decides what an index holds, and the files beside them that do too. */
export const PIPELINE_FOLDERS = ["corpus", "passages", "attribution", "search", "lexicon", "question", "vectors", "library", "answer"];
const PIPELINE_FILES = ["tuning.ts", "wordList.ts"];
const SOURCE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let cached: string | undefined;

/**
 * A hash of the pipeline's own source: any change to splitting, attribution or indexing makes saved
 * snapshots stale, without anyone having to remember to bump a number.
 */
export function pipelineVersion(): string {
  if (cached) return cached;
  const hash = createHash("sha256");
  for (const folder of PIPELINE_FOLDERS) {
    const dir = path.join(SOURCE_ROOT, folder);
    let names: string[] = [];
    try {
      names = readdirSync(dir)
        .filter((n) => /\.[cm]?[jt]s$/.test(n))
        .sort();
    } catch {
      continue;
    }
    for (const name of names) hash.update(`${folder}/${name}\n`).update(readFileSync(path.join(dir, name)));
  }
  for (const name of PIPELINE_FILES) hash.update(`${name}\n`).update(readFileSync(path.join(SOURCE_ROOT, name)));
  cached = hash.digest("hex").slice(0, 16);
  return cached;
}
