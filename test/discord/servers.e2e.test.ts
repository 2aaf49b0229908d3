import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { containersOf } from "../support/discordMessages.js";
import { type FakeDiscord, finalMessage, GUILD_ID, MANAGE_GUILD, OTHER_GUILD_ID } from "../support/fakeDiscord.js";
import { type LoopbackBot, startLoopbackBot } from "../support/loopbackBot.js";
import { startPageServer } from "../support/pages.js";

// One client in two servers, neither of them the curator: each moderator manages their own articles only.
let discord: FakeDiscord;
let loopback: LoopbackBot;
let corpusDir: string;
let dataDir: string;
let pages: Awaited<ReturnType<typeof startPageServer>>;
const log: string[] = [];
const moderatorIn = (guildId: string) => ({ permissions: MANAGE_GUILD, userId: "888888888888888888", guildId });
const memberIn = (guildId: string) => ({ userId: "999999999999999999", guildId });
const json = (message: unknown) => JSON.stringify(message);

beforeAll(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "citebot-servers-corpus-"));
  await cp(SEED_CORPUS, corpusDir, { recursive: true });
  dataDir = await mkdtemp(path.join(tmpdir(), "citebot-servers-data-"));
  const folders = { corpusDir, dataDir };
  pages = await startPageServer();
  const app = new Citebot((await openEngine(folders)).engine, folders, { allowedPrivateHosts: [pages.host] });
  loopback = await startLoopbackBot(app, log, { guilds: [GUILD_ID, OTHER_GUILD_ID], bot: { guildId: null } });
  discord = loopback.discord;
});

afterAll(async () => {
  await loopback?.stop();
  await pages?.stop();
});

describe("two servers, each with its own articles", () => {
  it("GIVEN an article added in one server THEN it is quoted there, marked as the server's own, and never in the other", async () => {
    const file = discord.attach("tram-report.txt", "The tram line to Odessa Street reopened on Monday, the city transport office said.\n");
    const added = await discord.subcommand("corpus", "add", [{ name: "file", type: 11, value: file }], moderatorIn(GUILD_ID));
    expect(json(finalMessage(added))).toMatch(/Article tram-report added/);
    const here = await discord.command("ask", [{ name: "question", value: "When did the tram line reopen?" }], memberIn(GUILD_ID));
    const quoted = json(finalMessage(here));
    expect(quoted).toContain("The tram line to Odessa Street reopened on Monday");
    expect(quoted).toContain("from this server's own articles");
    const there = await discord.command("ask", [{ name: "question", value: "When did the tram line reopen?" }], memberIn(OTHER_GUILD_ID));
    expect(json(finalMessage(there))).not.toContain("Odessa Street");
    // Both servers answer from the shared articles.
    const shared = await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }], memberIn(OTHER_GUILD_ID));
    expect(json(finalMessage(shared))).toContain("The deal was brokered by Turkey and Russia.");
    expect((await discord.autocomplete("source", "id", "tram")).map((c) => c.value)).toContain("tram-report");
  });

  it("GIVEN a moderator of the other server THEN the first server's articles and the shared ones are out of reach, and audited as such", async () => {
    const other = moderatorIn(OTHER_GUILD_ID);
    const removeTheirs = await discord.subcommand("corpus", "remove", [{ name: "id", value: "tram-report" }], other);
    expect(json(finalMessage(removeTheirs))).toMatch(/There is no article with the id `tram-report`/);
    const removeShared = await discord.subcommand("corpus", "remove", [{ name: "id", value: "000_90a7ceb65c3b6153" }], other);
    expect(json(finalMessage(removeShared))).toMatch(/There is no article with the id `000_90a7ceb65c3b6153`/);
    const list = await discord.subcommand("corpus", "list", [], other);
    expect(json(finalMessage(list))).toMatch(/This server has no articles of its own yet/);
    expect((await readdir(corpusDir)).sort()).toEqual((await readdir(SEED_CORPUS)).sort());
    expect(await readdir(path.join(dataDir, "servers", GUILD_ID, "articles"))).toEqual(["tram-report.txt"]);
    expect(log.join("\n")).toMatch(new RegExp(`audit .*guild=${OTHER_GUILD_ID} .*action="?corpus remove"? .*rejected`));
  });

  it("GIVEN /corpus add with a link alone THEN the page's article is stored, quoted verbatim under the page's title, and where it came from is kept", async () => {
    const link = `${pages.base}/news/nasa-adds-five-companies-to-commercial-lunar-lander-program/`;
    const added = await discord.subcommand("corpus", "add", [{ name: "url", value: link }], moderatorIn(OTHER_GUILD_ID));
    await expect
      .poll(() => json(finalMessage(added)), { timeout: 10_000 })
      .toMatch(/Article nasa-adds-five-companies-to-commercial-lunar-lander-program added/);
    const folder = path.join(dataDir, "servers", OTHER_GUILD_ID, "articles");
    const stored = await readFile(path.join(folder, "nasa-adds-five-companies-to-commercial-lunar-lander-program.txt"), "utf8");
    const metadata = JSON.parse(
      await readFile(path.join(folder, "nasa-adds-five-companies-to-commercial-lunar-lander-program.json"), "utf8"),
    );
    expect(metadata).toMatchObject({
      title: "NASA adds five companies to commercial lunar lander program",
      publisher: "SpaceNews",
      fetched: { from: link },
    });
    const asked = await discord.command(
      "ask",
      [{ name: "question", value: "Which five companies did NASA add to CLPS?" }],
      memberIn(OTHER_GUILD_ID),
    );
    const message = finalMessage(asked);
    const quote = containersOf(message)[0].components[0].content as string;
    // The quote, markdown escapes taken out, is a passage of the stored file, byte for byte.
    const quoted = quote
      .split("\n")
      .find((l: string) => l.startsWith("> "))!
      .slice(2)
      .replace(/\\(.)/g, "$1");
    expect(stored).toContain(quoted);
    expect(json(message)).toContain("NASA adds five companies to commercial lunar lander program");
    const refused = await discord.subcommand(
      "corpus",
      "add",
      [{ name: "url", value: "http://169.254.169.254/latest/" }],
      moderatorIn(OTHER_GUILD_ID),
    );
    await expect
      .poll(() => json(finalMessage(refused)), { timeout: 10_000 })
      .toMatch(/link-local address .*only public web pages are fetched/);
  });

  it("GIVEN /ask through a user's own install in a server that has not added the bot THEN it answers from the shared articles, privately", async () => {
    const elsewhere = { userId: "777777777777777777", guildId: "666666666666666666", userInstalled: true };
    const asked = await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }], elsewhere);
    expect(asked.callback.data.flags & 64).toBe(64);
    expect(json(finalMessage(asked))).toContain("The deal was brokered by Turkey and Russia.");
    const installed = await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }], memberIn(GUILD_ID));
    expect((asked.callback.data.flags ?? 0) & 64).toBe(64);
    expect((installed.callback.data.flags ?? 0) & 64).toBe(0);
    // Owners that name no user install (none at all, as an older Discord sent) leave a server's answer public.
    const unnamed = await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }], { owners: {} });
    expect((unnamed.callback.data.flags ?? 0) & 64).toBe(0);
  });
});
