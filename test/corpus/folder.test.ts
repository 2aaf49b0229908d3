import { execFileSync } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rebuild } from "../../src/build/open.js";
import { MAX_ARTICLE_BYTES, MAX_METADATA_BYTES } from "../../src/corpus/files.js";
import { readCorpusFolder } from "../../src/corpus/folder.js";
import { tempDataDir } from "../support/cli.js";
import { metadataJson, tempCorpus } from "../support/corpus.js";

const GOOD = { "dam.txt": "The dam held through the night, the water board said.", "dam.json": metadataJson() };

async function problemsAfterRebuild(corpusDir: string) {
  try {
    await rebuild({ corpusDir, dataDir: await tempDataDir() });
  } catch (error) {
    return (error as { problems: { file: string; problem: string }[] }).problems;
  }
  throw new Error("expected the rebuild to be refused");
}

describe("reading the corpus folder", () => {
  it("GIVEN a named pipe called like an article THEN the reindex names it at once instead of waiting forever", async () => {
    const corpusDir = await tempCorpus(GOOD);
    execFileSync("mkfifo", [path.join(corpusDir, "pipe.txt")]);
    const problems = await problemsAfterRebuild(corpusDir);
    expect(problems).toEqual([{ file: "pipe.txt", problem: "is a named pipe, not a regular file: only plain files are read" }]);
  }, 5_000);

  it("GIVEN a link to a file outside the folder THEN it is refused and never read; a link inside the folder is read", async () => {
    const outside = path.join(await tempCorpus({ "secret.txt": "The root password is hunter2." }), "secret.txt");
    const corpusDir = await tempCorpus(GOOD);
    await symlink(outside, path.join(corpusDir, "leak.txt"));
    await symlink(path.join(corpusDir, "dam.txt"), path.join(corpusDir, "alias.txt"));
    const folder = await readCorpusFolder(corpusDir);
    expect(folder.problems).toEqual([
      { file: "leak.txt", problem: expect.stringMatching(/^is a link to .*secret\.txt, outside the corpus folder/) },
    ]);
    expect([...folder.files.keys()]).toEqual(["alias.txt", "dam.json", "dam.txt"]);
    expect(folder.files.get("alias.txt")!.toString()).toContain("The dam held");
  });

  it("GIVEN files over the size limits THEN each is named with its size and the limit", async () => {
    const corpusDir = await tempCorpus({
      ...GOOD,
      "huge.txt": "The flood came. ".repeat(Math.ceil((MAX_ARTICLE_BYTES + 1) / 16)),
      "dam2.txt": "A second dam held too.",
      "dam2.json": `{"notes": "${"x".repeat(MAX_METADATA_BYTES)}"}`,
    });
    const problems = await problemsAfterRebuild(corpusDir);
    expect(problems).toContainEqual({
      file: "huge.txt",
      problem: expect.stringMatching(/^is 1,000,0\d\d bytes; articles can be at most 1,000,000 bytes$/),
    });
    expect(problems).toContainEqual({
      file: "dam2.json",
      problem: expect.stringMatching(/^is 65,5\d\d bytes; metadata files can be at most 65,536 bytes$/),
    });
  });

  it("GIVEN a folder named like an article THEN it is named as a folder, not skipped", async () => {
    const corpusDir = await tempCorpus(GOOD);
    await mkdir(path.join(corpusDir, "drafts.txt"));
    expect(await problemsAfterRebuild(corpusDir)).toEqual([{ file: "drafts.txt", problem: "is a folder, not a file" }]);
  });

  it("GIVEN a missing folder THEN one problem naming it", async () => {
    const folder = await readCorpusFolder(path.join(tmpdir(), "no-such-citebot-folder"));
    expect(folder.problems).toEqual([
      { file: expect.stringContaining("no-such-citebot-folder"), problem: "cannot read the corpus folder (ENOENT)" },
    ]);
  });

  it("GIVEN an article and a metadata file THEN the bytes are read as they are, in name order", async () => {
    const corpusDir = await tempCorpus({ "b.txt": "\ufeffBOM first.", "a.txt": "Alpha." });
    await writeFile(path.join(corpusDir, "notes.md"), "ignored");
    const folder = await readCorpusFolder(corpusDir);
    expect([...folder.files.keys()]).toEqual(["a.txt", "b.txt"]);
    expect(folder.files.get("b.txt")!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
