import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Citebot } from "../../src/app/citebot.js";
import type { Upload } from "../../src/app/upload.js";
import { openEngine } from "../../src/build/open.js";
import type { AuditEntry } from "../../src/commandKit/command.js";
import { dispatch, type RawOptions } from "../../src/commandKit/dispatch.js";
import { renderReplyText } from "../../src/render/text.js";
import { tempDataDir } from "../support/cli.js";
import { metadataJson, tempCorpus } from "../support/corpus.js";

const moderator = { id: "m1", guildId: "g1", roleIds: [], canManageGuild: true };
const upload = (name: string, text: string): Upload => ({ name, size: Buffer.byteLength(text), read: async () => Buffer.from(text) });

async function running(files: Record<string, string>) {
  const corpusDir = await tempCorpus(files);
  const folders = { corpusDir, dataDir: await tempDataDir() };
  // The moderator's server curates the shared corpus: these are edits of the shared articles. The
  // rules of an edit are the same whichever thread reindexes: here this one (the worker's own
  // path is the end-to-end tests' and citebot.test.ts's).
  const app = new Citebot((await openEngine(folders)).engine, folders, { curatorGuildId: moderator.guildId, buildInProcess: true });
  const audits: AuditEntry[] = [];
  const corpus = async (options: RawOptions) => {
    const reply = await dispatch(commands, "corpus", options, { app, caller: moderator, audit: (e) => audits.push(e) });
    return { reply, text: renderReplyText(reply) };
  };
  const files_ = async () => (await readdir(corpusDir)).sort();
  return { folders, app, audits, corpus, files: files_ };
}

const TWO = {
  "dam.txt": "The dam held through the night, the water board said.",
  "dam.json": metadataJson({ title: "Dam holds", publisher: "River Wire", url: "https://example.org/dam", published: "2021-03-04" }),
  "ferry.txt": "The ferry resumed on Friday.",
};

describe("corpus edits", () => {
  it("GIVEN replace without metadata THEN the old metadata stays on the new text and the reply says so", async () => {
    const { folders, corpus } = await running(TWO);
    const { text } = await corpus({
      subcommand: "add",
      file: upload("dam.txt", "The dam broke at dawn, the water board said."),
      replace: true,
    });
    expect(text).toMatch(/^Article dam replaced\./);
    expect(text).toContain(
      'Metadata kept from the version replaced: title "Dam holds", publisher River Wire, url https://example.org/dam, published 2021-03-04.',
    );
    expect(JSON.parse(await readFile(path.join(folders.corpusDir, "dam.json"), "utf8"))).toMatchObject({
      title: "Dam holds",
      publisher: "River Wire",
    });
  });

  it("GIVEN replace with a new title only THEN the title changes, the other fields are kept and named", async () => {
    const { app, corpus } = await running(TWO);
    const { text } = await corpus({
      subcommand: "add",
      file: upload("dam.txt", "The dam broke at dawn."),
      title: "Dam breaks",
      replace: true,
    });
    expect(text).toContain(
      "Metadata kept from the version replaced: publisher River Wire, url https://example.org/dam, published 2021-03-04.",
    );
    expect(app.engine.articles.find((a) => a.id === "dam")).toMatchObject({ title: "Dam breaks", publisher: "River Wire" });
  });

  it("GIVEN remove and replace THEN the old versions are kept in DATA_DIR/trash and the audit line says where", async () => {
    const { folders, corpus, audits } = await running(TWO);
    await corpus({ subcommand: "add", file: upload("dam.txt", "The dam broke at dawn."), replace: true });
    const { text } = await corpus({ subcommand: "remove", id: "ferry" });
    expect(text).toMatch(/The old version is kept in .*trash/);
    const trash = path.join(folders.dataDir, "trash");
    const kept = await readdir(trash);
    expect(kept).toHaveLength(2);
    const replaced = kept.find((k) => k.endsWith("_dam"))!;
    expect((await readdir(path.join(trash, replaced))).sort()).toEqual(["dam.json", "dam.txt"]);
    expect(await readFile(path.join(trash, replaced, "dam.txt"), "utf8")).toBe(TWO["dam.txt"]);
    expect(await readFile(path.join(trash, kept.find((k) => k.endsWith("_ferry"))!, "ferry.txt"), "utf8")).toBe(TWO["ferry.txt"]);
    expect(audits.filter((a) => a.result === "removed" || a.result === "replaced").map((a) => a.trash)).toEqual([
      path.join(trash, replaced),
      expect.stringMatching(/trash\/.*_ferry$/),
    ]);
  });

  it("GIVEN the trash cannot be written THEN the removal is refused and nothing changes", async () => {
    const { folders, corpus, files } = await running(TWO);
    await writeFile(path.join(folders.dataDir, "trash"), "a file where the folder should be");
    const before = await files();
    const { text } = await corpus({ subcommand: "remove", id: "ferry" });
    expect(text).toMatch(/The old version could not be kept in .*trash.* \(ENOTDIR\), so nothing was changed\./);
    expect(await files()).toEqual(before);
  });

  it("GIVEN the last article THEN removing it is refused: the corpus is never emptied by a command", async () => {
    const { app, corpus, files } = await running({ "dam.txt": TWO["dam.txt"] });
    const { text } = await corpus({ subcommand: "remove", id: "dam" });
    expect(text).toMatch(/dam is the only article/);
    expect(await files()).toEqual(["dam.txt"]);
    expect(app.engine.articles).toHaveLength(1);
  });

  it("GIVEN many articles without metadata THEN an added article's reply warns about that article only", async () => {
    const bare = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`bare${i}.txt`, `Bare report ${i} about the canal.`]));
    const { corpus } = await running(bare);
    const { text } = await corpus({ subcommand: "add", file: upload("fresh.txt", "The canal reopened on Monday.") });
    expect(text.split("\n").filter((l) => l.startsWith("warning:"))).toEqual([
      expect.stringMatching(/^warning: fresh\.txt: no metadata file/),
    ]);
  });

  it("GIVEN failed edits THEN each audit line names its target, refused or undone", async () => {
    const { folders, corpus, audits } = await running(TWO);
    await corpus({ subcommand: "add", file: upload("dam.txt", "Another dam text.") });
    await corpus({ subcommand: "remove", id: "nosuch" });
    // A broken file elsewhere makes the reindex after the edit fail: the edit is undone.
    await writeFile(path.join(folders.corpusDir, "broken.txt"), Buffer.from([0x41, 0x00]));
    await corpus({ subcommand: "add", file: upload("canal.txt", "The canal froze.") });
    expect(audits.map((a) => [a.target, a.result.split(/[:,]/)[0]])).toEqual([
      ["dam.txt", "rejected"],
      ["nosuch", "rejected"],
      ["canal.txt", "failed"],
    ]);
  });

  it("GIVEN a replaced article whose reindex fails THEN the corpus and the trash are as before", async () => {
    const { folders, corpus, files } = await running(TWO);
    await writeFile(path.join(folders.corpusDir, "broken.json"), "{ not json");
    await writeFile(path.join(folders.corpusDir, "broken.txt"), "Broken metadata beside me.");
    const before = await files();
    const { reply } = await corpus({ subcommand: "add", file: upload("dam.txt", "The dam broke."), replace: true });
    expect(reply.kind).toBe("reindex-failed");
    expect(await files()).toEqual(before);
    expect(await readFile(path.join(folders.corpusDir, "dam.txt"), "utf8")).toBe(TWO["dam.txt"]);
    expect(await readdir(path.join(folders.dataDir, "trash")).catch(() => [])).toEqual([]);
  });
});

describe("an empty or missing corpus folder", () => {
  it("GIVEN the folder emptied (unmounted, mistyped) THEN the reindex is refused and the old index keeps serving", async () => {
    const { folders, app } = await running(TWO);
    await mkdir(path.join(folders.dataDir, "empty"));
    const emptied = new Citebot(app.engine, { ...folders, corpusDir: path.join(folders.dataDir, "empty") });
    const outcome = await emptied.shared.reindex();
    expect(outcome).toMatchObject({
      ok: false,
      problems: [{ problem: expect.stringMatching(/has no articles .* the index it would replace has 2\. Is CORPUS_DIR right/) }],
    });
    expect(emptied.engine.articles).toHaveLength(2);
    const reopened = await openEngine({ ...folders, corpusDir: path.join(folders.dataDir, "empty") });
    expect(reopened.engine.articles).toHaveLength(2);
    expect(reopened.warnings.map((w) => w.text).join()).toMatch(/serves until it is fixed/);
  });

  it("GIVEN no articles at all THEN /ask says the corpus is empty", async () => {
    const corpusDir = await tempCorpus({});
    const app = new Citebot((await openEngine({ corpusDir, dataDir: await tempDataDir() })).engine, { corpusDir, dataDir: "/none" });
    const reply = await dispatch(commands, "ask", { question: "Who brokered the deal?" }, { app, caller: moderator });
    expect(renderReplyText(reply)).toMatch(/^The corpus is empty: there are no articles to answer from yet\./);
  });

  it("GIVEN DATA_DIR cannot be written THEN opening still serves, from memory, with a warning", async () => {
    const corpusDir = await tempCorpus(TWO);
    // A DATA_DIR under a file, and a snapshot path taken by a folder: nothing can be saved either way.
    const underAFile = path.join(corpusDir, "dam.txt", "data");
    const snapshotIsAFolder = await tempDataDir();
    await mkdir(path.join(snapshotIsAFolder, "index.snapshot"));
    for (const dataDir of [underAFile, snapshotIsAFolder]) {
      const opened = await openEngine({ corpusDir, dataDir });
      expect(opened.engine.ask("Did the dam hold?").passages[0]!.text).toBe(TWO["dam.txt"]);
      expect(opened.warnings.map((w) => w.text)).toContainEqual(expect.stringMatching(/could not be saved .* it serves from memory/));
    }
  });
});
