import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

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
  for (const name of names) {
    const bytes = await readFile(path.join(corpusDir, name)).catch(() => Buffer.from("unreadable"));
    hash.update(`${name}\n${bytes.length}\n`).update(bytes);
  }
  return hash.digest("hex");
}
