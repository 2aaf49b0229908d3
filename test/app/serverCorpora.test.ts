import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Citebot } from "../../src/app/citebot.js";
import type { Upload } from "../../src/app/upload.js";
import { openEngine } from "../../src/build/open.js";
import type { Caller } from "../../src/commandKit/caller.js";
import type { AuditEntry } from "../../src/commandKit/command.js";
import { dispatch, type RawOptions } from "../../src/commandKit/dispatch.js";
import type { Reply } from "../../src/commandKit/reply.js";
import { renderReplyText } from "../../src/render/text.js";
import { tempDataDir } from "../support/cli.js";
import { metadataJson, tempCorpus } from "../support/corpus.js";

const A = "111111111111111111";
const B = "333333333333333333";
const CURATOR = "555555555555555555";
const moderatorOf = (guildId: string): Caller => ({ id: `m-${guildId}`, guildId, roleIds: [], canManageGuild: true });
const upload = (name: string, text: string): Upload => ({ name, size: Buffer.byteLength(text), read: async () => Buffer.from(text) });

const SHARED = {
  "dam.txt": "The dam held through the night, the water board said.",
  "dam.json": metadataJson({ title: "Dam holds", publisher: "River Wire", url: "https://example.org/dam", published: "2021-03-04" }),
};
const FERRY = "The ferry to the island resumed on Friday after the storm, the harbour master said.";

async function twoServers(options: { serverIndexBudgetBytes?: number } = {}) {
  const corpusDir = await tempCorpus(SHARED);
  const folders = { corpusDir, dataDir: await tempDataDir() };
  // Reindexes on this thread: what is tested is whose articles change (the threads are the end-to-end tests').
  const app = new Citebot((await openEngine(folders)).engine, folders, { curatorGuildId: CURATOR, buildInProcess: true, ...options });
  const audits: AuditEntry[] = [];
  const run = (name: string, raw: RawOptions, guildId: string) =>
    dispatch(commands, name, raw, { app, caller: moderatorOf(guildId), audit: (e) => audits.push(e) });
  const ask = async (question: string, guildId: string) => {
    const reply = await run("ask", { question }, guildId);
    if (reply.kind !== "answer") throw new Error(renderReplyText(reply));
    return reply.answer;
  };
  const sharedFiles = async () => (await readdir(corpusDir)).sort();
  return { app, folders, run, ask, audits, sharedFiles };
}

const text = (reply: Reply) => renderReplyText(reply);

describe("each server its own articles", () => {
  it("GIVEN an article added in server A THEN A quotes it, marked as its own, and B never sees it", async () => {
    const { run, ask, folders, sharedFiles } = await twoServers();
    const added = await run("corpus", { subcommand: "add", file: upload("ferry.txt", FERRY) }, A);
    expect(text(added)).toMatch(/^Article ferry added\./);
    const inA = await ask("When did the ferry resume?", A);
    expect(inA.answered).toBe(true);
    expect(inA.passages[0]!.text).toBe(FERRY);
    expect(inA.articles.ferry!.fromServer).toBe(true);
    expect(text({ kind: "answer", answer: inA, ephemeral: false })).toContain("from this server's own articles");
    const inB = await ask("When did the ferry resume?", B);
    expect(inB.passages.map((p) => p.article)).not.toContain("ferry");
    // Both still have the shared articles.
    expect((await ask("Did the dam hold?", B)).passages[0]!.article).toBe("dam");
    expect((await ask("Did the dam hold?", A)).passages[0]!.article).toBe("dam");
    // Stored in A's own folder; the shared folder is as it was.
    expect(await readdir(path.join(folders.dataDir, "servers", A, "articles"))).toEqual(["ferry.txt"]);
    expect(await sharedFiles()).toEqual(["dam.json", "dam.txt"]);
    expect(text(await run("source", { id: "ferry:1.1" }, B))).toMatch(/^Nothing has the id ferry:1\.1/);
    expect(text(await run("source", { id: "ferry:1.1" }, A))).toContain("from this server's own articles");
  });

  it("GIVEN a moderator of another server THEN they list, remove and reindex their own articles only, never the shared ones", async () => {
    const { run, sharedFiles, audits } = await twoServers();
    await run("corpus", { subcommand: "add", file: upload("ferry.txt", FERRY) }, A);
    expect(text(await run("corpus", { subcommand: "list" }, B))).toBe("This server has no articles of its own yet.");
    expect(text(await run("corpus", { subcommand: "list" }, A))).toMatch(/^This server's own articles: 1 article:\n {2}ferry /);
    const removeShared = await run("corpus", { subcommand: "remove", id: "dam" }, B);
    expect(text(removeShared)).toMatch(/^There is no article with the id dam\./);
    const removeOthers = await run("corpus", { subcommand: "remove", id: "ferry" }, B);
    expect(text(removeOthers)).toMatch(/^There is no article with the id ferry\./);
    const reindexed = await run("reindex", {}, B);
    expect(text(reindexed)).toMatch(/^Reindexed 0 articles, 0 passages/);
    expect(await sharedFiles()).toEqual(["dam.json", "dam.txt"]);
    expect(audits.filter((a) => a.action === "corpus remove").map((a) => a.result)).toEqual([
      expect.stringMatching(/^rejected: There is no article/),
      expect.stringMatching(/^rejected: There is no article/),
    ]);
  });

  it("GIVEN an upload whose id a shared article has THEN it is refused, and nothing is written", async () => {
    const { run, folders } = await twoServers();
    const clash = await run("corpus", { subcommand: "add", file: upload("dam.txt", "The dam broke, a farmer said.") }, A);
    expect(text(clash)).toBe("The shared articles already have one with the id dam: rename the file to give this one another id.");
    expect(await readdir(path.join(folders.dataDir, "servers", A, "articles"))).toEqual([]);
  });

  it("GIVEN /corpus add with neither a file nor a link THEN it says to give one, and nothing is written", async () => {
    const { run, folders } = await twoServers();
    const reply = await run("corpus", { subcommand: "add", title: "Floods" }, A);
    expect(reply).toMatchObject({ kind: "notice", tone: "error", misused: true });
    expect(text(reply)).toBe("Attach the article as a .txt file, or give its link: /corpus add --url <link>.");
    expect(await readdir(path.join(folders.dataDir, "servers")).catch(() => [])).toEqual([]);
  });

  it("GIVEN the last of a server's articles removed THEN it goes (the shared articles still answer there)", async () => {
    const { run, ask } = await twoServers();
    await run("corpus", { subcommand: "add", file: upload("ferry.txt", FERRY) }, A);
    expect(text(await run("corpus", { subcommand: "remove", id: "ferry" }, A))).toMatch(/^Article ferry removed\./);
    expect((await ask("When did the ferry resume?", A)).passages.map((p) => p.article)).not.toContain("ferry");
    expect((await ask("Did the dam hold?", A)).answered).toBe(true);
  });

  it("GIVEN the curator server THEN its moderators manage the shared corpus, seen by every server", async () => {
    const { run, ask, sharedFiles } = await twoServers();
    expect(text(await run("corpus", { subcommand: "add", file: upload("ferry.txt", FERRY) }, CURATOR))).toMatch(/^Article ferry added/);
    expect(await sharedFiles()).toEqual(["dam.json", "dam.txt", "ferry.txt"]);
    const inB = await ask("When did the ferry resume?", B);
    expect(inB.passages[0]!.article).toBe("ferry");
    expect(inB.articles.ferry!.fromServer).toBeUndefined();
  });

  it("GIVEN a memory budget smaller than two servers' indexes THEN the least recently used is let go, and loaded again when asked", async () => {
    const { app, run, ask } = await twoServers({ serverIndexBudgetBytes: 1 });
    await run("corpus", { subcommand: "add", file: upload("ferry.txt", FERRY) }, A);
    await run("corpus", { subcommand: "add", file: upload("tram.txt", "The tram line reopened on Monday, the council said.") }, B);
    expect(app.servers.usage.servers).toBe(1);
    expect((await ask("When did the ferry resume?", A)).passages[0]!.text).toBe(FERRY);
    expect(app.servers.usage.servers).toBe(1);
    expect((await ask("When did the tram line reopen?", B)).passages[0]!.article).toBe("tram");
  });
});
