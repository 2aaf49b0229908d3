import { copyFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/corpus/article.js";
import { buildLibrary } from "../../src/library/build.js";
import { loadSnapshot, saveSnapshot } from "../../src/store/snapshot.js";
import { tempDataDir } from "../support/cli.js";

const article = (id: string, text: string): Article => ({ id, text, file: `${id}.txt`, metadata: null });
const vectorFiles = async (dir: string) => (await readdir(dir)).filter((n) => n.startsWith("vectors-"));

describe("the word vectors saved beside the index", () => {
  it("GIVEN a crash after a new build's vectors were written but before its index THEN the old index loads beside its own vectors, and the next save clears the stray file", async () => {
    const old = await tempDataDir();
    await saveSnapshot(old, {
      library: buildLibrary([article("a", "The dam held through the night.")]),
      fingerprint: "old",
      builtAt: "2020-01-01T00:00:00.000Z",
    });
    const next = await tempDataDir();
    await saveSnapshot(next, {
      library: buildLibrary([article("b", "The bridge reopened on Monday.")]),
      fingerprint: "new",
      builtAt: "2020-01-02T00:00:00.000Z",
    });
    // The new build's vectors land beside the old index: what a crash between the two writes leaves.
    const [stray] = await vectorFiles(next);
    await copyFile(path.join(next, stray!), path.join(old, stray!));
    const loaded = await loadSnapshot(old);
    expect(loaded.snapshot?.fingerprint).toBe("old");
    expect(loaded.snapshot?.library.vectors).not.toBeNull();
    await saveSnapshot(old, {
      library: buildLibrary([article("a", "The dam held.")]),
      fingerprint: "third",
      builtAt: "2020-01-03T00:00:00.000Z",
    });
    expect(await vectorFiles(old)).toHaveLength(1);
    expect((await loadSnapshot(old)).snapshot?.fingerprint).toBe("third");
  });

  it("GIVEN the index's vectors file missing THEN the snapshot is refused with the reason, not half loaded", async () => {
    const dir = await tempDataDir();
    await saveSnapshot(dir, {
      library: buildLibrary([article("a", "The dam held through the night.")]),
      fingerprint: "f",
      builtAt: "2020-01-01T00:00:00.000Z",
    });
    for (const name of await vectorFiles(dir)) await rm(path.join(dir, name));
    const loaded = await loadSnapshot(dir);
    expect(loaded.snapshot).toBeNull();
    expect(loaded.snapshot === null && loaded.problem).toMatch(/word vectors cannot be read/);
  });
});
