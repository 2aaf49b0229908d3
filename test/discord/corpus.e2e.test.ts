import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { containersOf } from "../support/discordMessages.js";
import { type FakeDiscord, finalMessage, GUILD_ID, MANAGE_GUILD } from "../support/fakeDiscord.js";
import { type LoopbackBot, startLoopbackBot } from "../support/loopbackBot.js";

let discord: FakeDiscord;
let loopback: LoopbackBot;
let corpusDir: string;
const log: string[] = [];
const moderator = { permissions: MANAGE_GUILD, userId: "888888888888888888" };
const describe_ = (message: any) => JSON.stringify(message);

async function corpusFiles(): Promise<Record<string, string>> {
  const names = (await readdir(corpusDir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(path.join(corpusDir, n), "utf8")] as const)));
}

beforeAll(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "citebot-corpus-cmd-"));
  await cp(SEED_CORPUS, corpusDir, { recursive: true });
  const folders = { corpusDir, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-corpus-data-")) };
  const app = new Citebot((await openEngine(folders)).engine, folders, { curatorGuildId: GUILD_ID });
  loopback = await startLoopbackBot(app, log);
  discord = loopback.discord;
});

afterAll(async () => {
  await loopback?.stop();
});

describe("/corpus", () => {
  it("GIVEN a moderator's .txt upload with metadata THEN it is added, indexed, answerable, and audited", async () => {
    const file = discord.attach("tram-report.txt", "The tram line to Odessa Street reopened on Monday, the city transport office said.\n");
    const response = await discord.subcommand(
      "corpus",
      "add",
      [
        { name: "file", type: 11, value: file },
        { name: "title", value: "Tram line reopens" },
        { name: "publisher", value: "City Desk" },
        { name: "url", value: "https://example.org/tram" },
        { name: "published", value: "2024-03-04" },
      ],
      moderator,
    );
    expect(describe_(response.edits.at(-1))).toMatch(/Article tram-report added/);
    expect(JSON.parse((await corpusFiles())["tram-report.json"]!)).toMatchObject({ title: "Tram line reopens", publisher: "City Desk" });
    const { message: reply } = await discord.command("ask", [{ name: "question", value: "When did the tram line reopen?" }]);
    const [quote, article] = containersOf(reply)[0].components.map((c: { content?: string }) => c.content);
    expect(quote).toContain("> The tram line to Odessa Street reopened on Monday");
    expect(article).toMatch(/^\*\*Tram line reopens\*\*\n-# City Desk/);
    expect(
      log.some((l) =>
        /INFO audit moderator=888888888888888888 guild=222222222222222222 action="corpus add" target=tram-report result=added/.test(l),
      ),
    ).toBe(true);
  });

  it("GIVEN the same file again without replace THEN it is refused and nothing changes", async () => {
    const before = await corpusFiles();
    const file = discord.attach("tram-report.txt", "Different text, same id.");
    const response = await discord.subcommand("corpus", "add", [{ name: "file", type: 11, value: file }], moderator);
    expect(describe_(response.edits.at(-1))).toMatch(
      /already an article with the id `tram-report`\. `\/corpus add file:… replace:True` overwrites it/,
    );
    expect(await corpusFiles()).toEqual(before);
  });

  it("GIVEN bad uploads THEN each gets a clear message and the corpus folder stays as it was", async () => {
    const before = await corpusFiles();
    const cases: [string, string | Buffer, RegExp][] = [
      ["photo.png", "PNG", /plain-text \.txt file/],
      ["latin1.txt", Buffer.from([0x43, 0x61, 0x66, 0xe9]), /not UTF-8 text/],
      ["blank.txt", "   \n", /no words in it/],
      ["../../etc/passwd.txt", "Sneaky text here.", /added/],
    ];
    for (const [name, content, expected] of cases) {
      const file = discord.attach(name, content);
      const response = await discord.subcommand("corpus", "add", [{ name: "file", type: 11, value: file }], moderator);
      expect(describe_(response.edits.at(-1))).toMatch(expected);
    }
    const after = await corpusFiles();
    // The path in the name is dropped: the article lands inside the corpus folder as passwd.txt.
    expect(Object.keys(after).filter((n) => !(n in before))).toEqual(["passwd.txt"]);
    const badMeta = discord.attach("meta.txt", "Some text for the meta test.");
    const response = await discord.subcommand(
      "corpus",
      "add",
      [
        { name: "file", type: 11, value: badMeta },
        { name: "url", value: "javascript:alert(1)" },
      ],
      moderator,
    );
    expect(describe_(response.edits.at(-1))).toMatch(/metadata is not valid/);
    expect(Object.keys(await corpusFiles())).not.toContain("meta.txt");
  });

  it("GIVEN a member without the permission THEN every /corpus action is refused", async () => {
    const before = await corpusFiles();
    const response = await discord.subcommand("corpus", "remove", [{ name: "id", value: "tram-report" }], { permissions: 0n });
    expect(describe_(response.edits.at(-1) ?? response.message)).toMatch(/Only moderators can change the corpus/);
    expect(await corpusFiles()).toEqual(before);
  });

  it("GIVEN remove and list THEN the article is gone from the folder, the index and the list", async () => {
    const removed = await discord.subcommand("corpus", "remove", [{ name: "id", value: "tram-report" }], moderator);
    expect(describe_(removed.edits.at(-1))).toMatch(/Article tram-report removed/);
    expect(Object.keys(await corpusFiles())).not.toContain("tram-report.txt");
    const list = await discord.subcommand("corpus", "list", [], moderator);
    const text = describe_(finalMessage(list));
    expect(text).toContain("000_90a7ceb65c3b6153");
    expect(text).not.toContain("tram-report");
    expect((await discord.autocomplete("corpus", "id", "000")).map((c) => c.value)).toEqual(["000_90a7ceb65c3b6153"]);
  });
});
