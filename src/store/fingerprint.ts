import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { readFiles } from "../files/readFiles.js";

/**
 * A hash of every article and metadata file in the corpus folder (names and bytes) and of the
 * pipeline version: a snapshot is reused only while both are unchanged. With `keep`, the bytes read
 * are kept there by file name, for loadCorpus to use rather than read every file again.
 */
export async function corpusFingerprint(corpusDir: string, pipelineVersion: string, keep?: Map<string, Buffer>): Promise<string> {
  const hash = createHash("sha256").update(`citebot-pipeline:${pipelineVersion}\n`);
  let names: string[] = [];
  try {
    names = (await readdir(corpusDir)).filter((n) => /\.(?:txt|json)$/i.test(n)).sort();
  } catch {
    // An unreadable folder has its own fingerprint; loading it reports the error.
    return hash.update("unreadable").digest("hex");
  }
  const contents = await readFiles(names.map((name) => path.join(corpusDir, name)));
  names.forEach((name, i) => {
    const bytes = contents[i]!;
    if (Buffer.isBuffer(bytes)) keep?.set(name, bytes);
    const hashed = Buffer.isBuffer(bytes) ? bytes : Buffer.from("unreadable");
    hash.update(`${name}\n${hashed.length}\n`).update(hashed);
  });
  return hash.digest("hex");
}
