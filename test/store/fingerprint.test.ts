import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintInThread } from "../../src/build/open.js";
import { readCorpusFolder } from "../../src/corpus/folder.js";
import { corpusFingerprint, fingerprintCorpusFolder } from "../../src/store/fingerprint.js";
import { pipelineVersion } from "../../src/store/pipelineVersion.js";
import { metadataJson, tempCorpus } from "../support/corpus.js";

describe("the corpus's fingerprint", () => {
  it("GIVEN a folder THEN hashing each file as it is read, here or on a thread, gives what hashing the folder read whole gives", async () => {
    const dir = await tempCorpus({
      "a.txt": "The mill closed in May, the owner said.",
      "a.json": metadataJson(),
      "b.txt": "Café owners in São Paulo reopened.",
    });
    // An entry that cannot be read as an article: its problem is part of the fingerprint.
    await mkdir(path.join(dir, "c.txt"));
    const whole = corpusFingerprint(await readCorpusFolder(dir), pipelineVersion());
    expect(await fingerprintCorpusFolder(dir, pipelineVersion())).toBe(whole);
    expect(await fingerprintInThread(dir)).toBe(whole);
    await writeFile(path.join(dir, "b.txt"), "Cafe owners in Sao Paulo reopened.");
    expect(await fingerprintCorpusFolder(dir, pipelineVersion())).not.toBe(whole);
  });

  it("GIVEN no folder THEN the fingerprint still says so, the same both ways", async () => {
    const missing = path.join(await tempCorpus({}), "gone");
    const whole = corpusFingerprint(await readCorpusFolder(missing), pipelineVersion());
    expect(await fingerprintCorpusFolder(missing, pipelineVersion())).toBe(whole);
    expect(await fingerprintInThread(missing)).toBe(whole);
  });
});
