import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Citebot } from "../../src/app/citebot.js";
import { ServerQuotas } from "../../src/app/quotas.js";
import type { Upload } from "../../src/app/upload.js";
import { openEngine } from "../../src/build/open.js";
import type { Caller } from "../../src/commandKit/caller.js";
import { dispatch, type RawOptions } from "../../src/commandKit/dispatch.js";
import type { Quotas } from "../../src/limits.js";
import { renderReplyText } from "../../src/render/text.js";
import { tempDataDir } from "../support/cli.js";
import { tempCorpus } from "../support/corpus.js";

const SERVER = "111111111111111111";
const moderator: Caller = { id: "m1", guildId: SERVER, roleIds: [], canManageGuild: true };
const upload = (name: string, text: string): Upload => ({ name, size: Buffer.byteLength(text), read: async () => Buffer.from(text) });
const article = (n: number, words = 1) =>
  Array.from({ length: words }, (_, i) => `The ferry number ${n} sailed on day ${i} of the month, the harbour master said.`).join("\n");

async function serverWith(quotas: Partial<Quotas>) {
  const corpusDir = await tempCorpus({ "dam.txt": "The dam held through the night, the water board said." });
  const folders = { corpusDir, dataDir: await tempDataDir() };
  const app = new Citebot((await openEngine(folders)).engine, folders, { quotas, buildInProcess: true });
  const corpus = async (raw: RawOptions, caller: Caller = moderator) =>
    renderReplyText(await dispatch(commands, "corpus", raw, { app, caller }));
  const serverDir = path.join(folders.dataDir, "servers", SERVER);
  return { app, corpus, serverDir };
}

describe("what a server may keep and do", () => {
  it("GIVEN a server at its most articles or bytes THEN one more is refused, naming the limit; a replacement within them is taken", async () => {
    const { corpus, serverDir } = await serverWith({ articlesPerServer: 2, bytesPerServer: 2_000 });
    expect(await corpus({ subcommand: "add", file: upload("a.txt", article(1)) })).toMatch(/^Article a added/);
    expect(await corpus({ subcommand: "add", file: upload("b.txt", article(2)) })).toMatch(/^Article b added/);
    expect(await corpus({ subcommand: "add", file: upload("c.txt", article(3)) })).toMatch(
      /This server has 2 articles of its own, the most it may keep \(SERVER_MAX_ARTICLES\): remove one first with \/corpus remove\./,
    );
    expect(await corpus({ subcommand: "add", file: upload("b.txt", article(4)), replace: true })).toMatch(/^Article b replaced/);
    expect(await corpus({ subcommand: "add", file: upload("b.txt", article(5, 40)), replace: true })).toMatch(
      /would take [\d,]+ bytes, more than the 2,000 bytes it may keep \(SERVER_MAX_MB\)/,
    );
    expect((await readdir(path.join(serverDir, "articles"))).sort()).toEqual(["a.txt", "b.txt"]);
  });

  it("GIVEN replacement after replacement THEN the server's trash stays within its quota, the oldest versions going first", async () => {
    const { corpus, serverDir } = await serverWith({ trashBytesPerServer: 3_000, editsPerServerPerMinute: 100 });
    await corpus({ subcommand: "add", file: upload("a.txt", article(0, 10)) });
    for (let n = 1; n <= 6; n++)
      expect(await corpus({ subcommand: "add", file: upload("a.txt", article(n, 10)), replace: true })).toMatch(/replaced/);
    const trash = (await readdir(path.join(serverDir, "trash"))).sort();
    // Six old versions of about 740 bytes each: the four newest fit in 3,000 bytes.
    expect(trash).toHaveLength(4);
    const sizes = await Promise.all(trash.map(async (entry) => (await stat(path.join(serverDir, "trash", entry, "a.txt"))).size));
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3_000);
    // The versions replaced were 0 to 5: the oldest two went.
    const kept = await Promise.all(trash.map((entry) => readFile(path.join(serverDir, "trash", entry, "a.txt"), "utf8")));
    expect(kept.map((text) => text.match(/ferry number (\d+)/)![1])).toEqual(["2", "3", "4", "5"]);
  });

  it("GIVEN a server editing past its edits a minute THEN refused with when to try again; another server is not held back", async () => {
    const { corpus } = await serverWith({ editsPerServerPerMinute: 2 });
    expect(await corpus({ subcommand: "add", file: upload("a.txt", article(1)) })).toMatch(/added/);
    expect(await corpus({ subcommand: "remove", id: "a" })).toMatch(/removed/);
    expect(await corpus({ subcommand: "add", file: upload("a.txt", article(1)) })).toMatch(
      /This server's articles have changed 2 times in the last minute, the most allowed \(SERVER_EDITS_PER_MINUTE\): try again in \d+ s\./,
    );
    const other: Caller = { ...moderator, guildId: "222222222222222222" };
    expect(await corpus({ subcommand: "add", file: upload("a.txt", article(1)) }, other)).toMatch(/added/);
  });

  it("GIVEN pages being fetched THEN one a server and so many in all at once, each refusal saying which; the console is never held back", async () => {
    let now = 0;
    const quotas = new ServerQuotas({ editsPerServerPerMinute: 1, linkFetchesPerServer: 1, linkFetchesTotal: 2 }, () => now);
    let finish!: () => void;
    const slow = new Promise<void>((r) => (finish = r));
    const first = quotas.whileFetching("1", "https://a.example/1", () => slow);
    await expect(quotas.whileFetching("1", "https://a.example/2", async () => {})).rejects.toThrow(
      /This server is already fetching a page, the most at once \(LINK_FETCHES_PER_SERVER\)/,
    );
    const second = quotas.whileFetching("2", "https://b.example/1", () => slow);
    await expect(quotas.whileFetching("3", "https://c.example/1", async () => {})).rejects.toThrow(
      /Citebot is fetching 2 pages for other servers, the most at once \(LINK_FETCHES_TOTAL\)/,
    );
    await quotas.whileFetching(null, "https://local.example/", async () => {});
    finish();
    await Promise.all([first, second]);
    await quotas.whileFetching("3", "https://c.example/1", async () => {});
    quotas.takeEdit("1");
    expect(() => quotas.takeEdit("1")).toThrow(/try again in 60 s/);
    now += 60_000;
    expect(() => quotas.takeEdit("1")).not.toThrow();
    expect(() => quotas.takeEdit(null)).not.toThrow();
  });
});
