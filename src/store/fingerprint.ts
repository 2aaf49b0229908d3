import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { mapConcurrently, READS_AT_ONCE } from "../files/mapConcurrently.js";

/**
 * A hash of every article and metadata file in the corpus folder (names and bytes) and of the
 * pipeline version: a snapshot is reused only while both are unchanged.
 */
export async function corpusFingerprint(corpusDir: string, pipelineVersion: string): Promise<string> {
  const hash = createHash("sha256").update(`citebot-pipeline:${pipelineVersion}\n`);
  let names: string[] = [];
  try {
    names = (await readdir(corpusDir)).filter((n) => /\.(?:txt|json)$/i.test(n)).sort();
  } catch {
    // An unreadable folder has its own fingerprint; loading it reports the error.
    return hash.update("unreadable").digest("hex");
  }
  const contents = await mapConcurrently(names, READS_AT_ONCE, (name) => readFile(path.join(corpusDir, name)).catch(() => Buffer.from("unreadable")));
  names.forEach((name, i) => hash.update(`${name}\n${contents[i]!.length}\n`).update(contents[i]!));
  return hash.digest("hex");
}
