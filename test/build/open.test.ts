import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openEngine, rebuild } from "../../src/build/open.js";
import { CorpusError } from "../../src/corpus/errors.js";
import { snapshotPath } from "../../src/store/snapshot.js";
import { tempDataDir } from "../support/cli.js";
import { metadataJson, tempCorpus } from "../support/corpus.js";

async function folders() {
  const corpusDir = await tempCorpus({ "a.txt": "The mill closed in May, the owner said.", "a.json": metadataJson() });
  return { corpusDir, dataDir: await tempDataDir() };
}

describe("openEngine", () => {
  it("GIVEN no snapshot THEN builds and saves one; GIVEN the same corpus again THEN reuses it", async () => {
    const f = await folders();
    const first = await openEngine(f);
    expect(first.fromSnapshot).toBe(false);
    const second = await openEngine(f);
    expect(second.fromSnapshot).toBe(true);
    expect(second.engine.ask("When did the mill close?").passages[0]!.text).toBe("The mill closed in May, the owner said.");
  });

  it("GIVEN a changed article THEN the snapshot is stale and the index is rebuilt", async () => {
    const f = await folders();
    await openEngine(f);
    await writeFile(path.join(f.corpusDir, "a.txt"), "The mill reopened in June.");
    const reopened = await openEngine(f);
    expect(reopened.fromSnapshot).toBe(false);
    expect(reopened.engine.passages().map((p) => p.text)).toEqual(["The mill reopened in June."]);
  });

  it("GIVEN a corrupt snapshot THEN it is rebuilt from the corpus", async () => {
    const f = await folders();
    await openEngine(f);
    await writeFile(snapshotPath(f.dataDir), '{"format": "citebot-sections", "version": 3, "littleEndian": true}\n{"path": [');
    const reopened = await openEngine(f);
    expect(reopened.fromSnapshot).toBe(false);
    expect(reopened.warnings.map((w) => w.text).join()).toMatch(/could not be used \(no end marker \(truncated/);
    expect(reopened.engine.stats().passages).toBe(1);
    // One of an older format (as an upgrade finds it) is rebuilt the same way.
    await writeFile(snapshotPath(f.dataDir), '{"format": "citebot-sections", "version": 2, "littleEndian": true}\n');
    const upgraded = await openEngine(f);
    expect(upgraded.fromSnapshot).toBe(false);
    expect(upgraded.warnings.map((w) => w.text).join()).toMatch(/snapshot format 2, expected 3/);
  });

  it("GIVEN an invalid corpus THEN rebuild throws and leaves the snapshot as it was", async () => {
    const f = await folders();
    await openEngine(f);
    await writeFile(path.join(f.corpusDir, "b.txt"), Buffer.from([0xff, 0xfe, 0x00]));
    const before = await readFile(snapshotPath(f.dataDir));
    await expect(rebuild(f)).rejects.toBeInstanceOf(CorpusError);
    expect((await readFile(snapshotPath(f.dataDir))).equals(before)).toBe(true);
  });
});
