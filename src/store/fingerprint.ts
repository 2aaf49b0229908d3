import { createHash } from "node:crypto";
import type { CorpusFolder } from "../corpus/folder.js";

/**
 * A hash of every article and metadata file in the corpus folder (names and bytes, and what kept a
 * file from being read) and of the pipeline version: a snapshot is reused only while both are unchanged.
 */
export function corpusFingerprint(folder: CorpusFolder, pipelineVersion: string): string {
  const hash = createHash("sha256").update(`citebot-pipeline:${pipelineVersion}\n`);
  for (const [name, bytes] of folder.files) hash.update(`${name}\n${bytes.length}\n`).update(bytes);
  for (const { file, problem } of folder.problems) hash.update(`problem\n${file}\n${problem}\n`);
  return hash.digest("hex");
}
