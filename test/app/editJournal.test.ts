import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EditJournal, JOURNAL_FILE, sha256 } from "../../src/app/editJournal.js";
import { tempDataDir } from "../support/cli.js";

const actor = { moderator: "m1", guild: "111111111111111111" };

async function journalIn() {
  const dataDir = await tempDataDir();
  const corpusDir = path.join(dataDir, "articles");
  await mkdir(corpusDir, { recursive: true });
  return { dataDir, corpusDir, journal: new EditJournal(dataDir, corpusDir) };
}

describe("the journal of a corpus's edits", () => {
  it("GIVEN an edit reported THEN its intent and its outcome are on disk, and there is nothing to recover", async () => {
    const { dataDir, journal } = await journalIn();
    const id = await journal.intend({ ...actor, action: "corpus add", target: "dam", files: [{ name: "dam.txt", sha256: sha256("x") }] });
    await journal.done(id, { ...actor, action: "corpus add", target: "dam", result: "added" });
    const lines = (await readFile(path.join(dataDir, JOURNAL_FILE), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toMatchObject([
      { intent: id, target: "dam" },
      { done: id, result: "added" },
    ]);
    expect(await journal.recover()).toEqual([]);
  });

  it("GIVEN edits a stopped process left unreported THEN each is settled by what the files hold, once, with its moderator", async () => {
    const { dataDir, corpusDir, journal } = await journalIn();
    const text = "The dam held through the night.";
    await journal.intend({ ...actor, action: "corpus add", target: "dam", files: [{ name: "dam.txt", sha256: sha256(text) }] });
    await writeFile(path.join(corpusDir, "dam.txt"), text);
    await journal.intend({
      ...actor,
      action: "corpus add",
      target: "ferry",
      files: [{ name: "ferry.txt", sha256: sha256("never written") }],
    });
    await writeFile(path.join(corpusDir, "gone.txt"), "still here");
    await journal.intend({ ...actor, action: "corpus remove", target: "gone", files: [{ name: "gone.txt", sha256: null }] });
    // A write cut short: its temporary, and a line torn mid-write at the journal's end.
    await writeFile(path.join(corpusDir, "dam.txt.4242.upload"), "half");
    await writeFile(path.join(dataDir, JOURNAL_FILE), `${await readFile(path.join(dataDir, JOURNAL_FILE), "utf8")}{"intent":"torn`);
    const recovered = await journal.recover();
    expect(recovered).toEqual([
      expect.objectContaining({
        ...actor,
        action: "corpus add",
        target: "dam",
        result: expect.stringMatching(/^done \(recovered at start/),
      }),
      expect.objectContaining({ target: "ferry", result: expect.stringMatching(/^not done/) }),
      expect.objectContaining({ target: "gone", result: expect.stringMatching(/^not done/) }),
    ]);
    expect(await journal.recover()).toEqual([]);
    await expect(readFile(path.join(corpusDir, "dam.txt.4242.upload"))).rejects.toThrow();
  });
});
