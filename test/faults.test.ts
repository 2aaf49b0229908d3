import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { Citebot } from "../src/app/citebot.js";
import { openEngine, rebuild } from "../src/build/open.js";
import { dispatch } from "../src/commandKit/dispatch.js";
import { renderReplyText } from "../src/render/text.js";
import { loadSnapshot, snapshotPath } from "../src/store/snapshot.js";
import { tempDataDir } from "./support/cli.js";
import { metadataJson, tempCorpus } from "./support/corpus.js";

const moderator = { id: "m", guildId: "g", roleIds: [], canManageGuild: true };

async function running() {
  const corpusDir = await tempCorpus({ "dam.txt": "The dam held through the night, the water board said.", "dam.json": metadataJson() });
  const folders = { corpusDir, dataDir: await tempDataDir() };
  const app = new Citebot((await openEngine(folders)).engine, folders, { curatorGuildId: moderator.guildId });
  const reindex = async () => renderReplyText(await dispatch(commands, "reindex", {}, { app, caller: moderator }));
  const answers = () => app.engine.ask("Did the dam hold?").passages.map((p) => p.text);
  return { folders, app, reindex, answers };
}

describe("faults", () => {
  it("GIVEN corrupt metadata THEN the moderator sees the file and field, answers go on, the snapshot is untouched", async () => {
    const { folders, reindex, answers } = await running();
    const before = await readFile(snapshotPath(folders.dataDir));
    await writeFile(path.join(folders.corpusDir, "dam.json"), '{"title": "Dam", "published": "last week"');
    expect(await reindex()).toMatch(/Reindex failed; still answering from the previous index\.\n- dam\.json: is not valid JSON/);
    expect(answers()).toEqual(["The dam held through the night, the water board said."]);
    expect((await readFile(snapshotPath(folders.dataDir))).equals(before)).toBe(true);
  });

  it("GIVEN a binary file and an unreadable (broken link) file THEN both are named, nothing changes", async () => {
    const { folders, reindex, answers } = await running();
    await writeFile(path.join(folders.corpusDir, "photo.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    await symlink(path.join(folders.corpusDir, "gone.txt"), path.join(folders.corpusDir, "link.txt"));
    const report = await reindex();
    expect(report).toMatch(/link\.txt: cannot be read \(ENOENT\)/);
    expect(report).toMatch(/photo\.txt: (?:is not UTF-8 text|looks binary)/);
    expect(answers()).toHaveLength(1);
  });

  it("GIVEN a snapshot that cannot be written THEN the new index serves from memory and the reindex warns", async () => {
    const { folders, app } = await running();
    await writeFile(path.join(folders.corpusDir, "extra.txt"), "The canal froze over for the first time in years.");
    // DATA_DIR inside a file: nothing can be written there.
    const blocked = { ...folders, dataDir: path.join(folders.corpusDir, "dam.txt", "data") };
    const stuck = new Citebot(app.engine, blocked);
    const outcome = await stuck.shared.reindex();
    expect(outcome).toMatchObject({ ok: true, articles: 2 });
    expect(outcome.ok && outcome.warnings).toContainEqual({
      kind: "index",
      text: expect.stringMatching(/could not be saved .*\(ENOTDIR\): it serves from memory/),
    });
    expect(stuck.engine.ask("Did the canal freeze?").passages[0]!.text).toBe("The canal froze over for the first time in years.");
  });

  it("GIVEN a process killed while writing a snapshot THEN the next start finds the old snapshot or a whole new one, never a broken one", async () => {
    const { folders } = await running();
    // node itself, not the tsx wrapper, so that SIGKILL hits the writer.
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/writeSnapshotForever.ts", folders.dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await once(child.stdout, "data");
    await new Promise((r) => setTimeout(r, 400));
    child.kill("SIGKILL");
    await once(child, "exit");
    const loaded = await loadSnapshot(folders.dataDir);
    expect(loaded.snapshot).not.toBeNull();
    const reopened = await openEngine(folders);
    expect(reopened.engine.ask("Did the dam hold?").passages[0]!.text).toBe("The dam held through the night, the water board said.");
    // Whatever the killed writer left half-written is cleared by the next save.
    await rebuild(folders);
    expect((await readdir(folders.dataDir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  }, 30_000);

  it("GIVEN a truncated snapshot at start THEN it is reported and rebuilt from the corpus", async () => {
    const { folders } = await running();
    const text = await readFile(snapshotPath(folders.dataDir), "utf8");
    await writeFile(snapshotPath(folders.dataDir), text.slice(0, Math.floor(text.length * 0.6)));
    const reopened = await openEngine(folders);
    expect(reopened.fromSnapshot).toBe(false);
    expect(reopened.warnings.map((w) => w.text).join()).toMatch(/saved index could not be used/);
    expect((await loadSnapshot(folders.dataDir)).snapshot).not.toBeNull();
  });
});
