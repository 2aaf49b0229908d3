import { createHash, type Hash } from "node:crypto";
import type { CorpusProblem } from "../corpus/errors.js";
import { type CorpusFolder, eachCorpusFile } from "../corpus/folder.js";

/**
 * A hash of every article and metadata file in the corpus folder (names and bytes, and what kept a
 * file from being read) and of the pipeline version: a snapshot is reused only while both are unchanged.
 */
export function corpusFingerprint(folder: CorpusFolder, pipelineVersion: string): string {
  const hash = fingerprintHash(pipelineVersion);
  for (const [name, bytes] of folder.files) addFile(hash, name, bytes);
  return finish(hash, folder.problems);
}

/** The same fingerprint, of the folder on disk, reading each file once and keeping none: for a thread that only checks. */
export async function fingerprintCorpusFolder(dir: string, pipelineVersion: string): Promise<string> {
  const hash = fingerprintHash(pipelineVersion);
  const problems = await eachCorpusFile(dir, (name, bytes) => addFile(hash, name, bytes));
  return finish(hash, problems);
}

const fingerprintHash = (pipelineVersion: string) => createHash("sha256").update(`citebot-pipeline:${pipelineVersion}\n`);

function addFile(hash: Hash, name: string, bytes: Buffer): void {
  hash.update(`${name}\n${bytes.length}\n`).update(bytes);
}

function finish(hash: Hash, problems: readonly CorpusProblem[]): string {
  for (const { file, problem } of problems) hash.update(`problem\n${file}\n${problem}\n`);
  return hash.digest("hex");
}
