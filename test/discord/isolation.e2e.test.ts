import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { ACKNOWLEDGE_WITHIN_MS } from "../../src/discord/limits.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { buttonsOf } from "../support/discordMessages.js";
import { CHANNEL_ID, type FakeDiscord, finalMessage, GUILD_ID, type InteractionResponse, MANAGE_GUILD } from "../support/fakeDiscord.js";
import { type LoopbackBot, startLoopbackBot } from "../support/loopbackBot.js";
import { onLoopback } from "../support/pages.js";

// Four servers on one bot: A and B misbehave or are busy, C asks meanwhile; the curator is the owner's.
const A = "333333333333333331";
const B = "333333333333333332";
const C = "333333333333333333";
const CURATOR = GUILD_ID;
const REPORTS_CHANNEL = "444444444444444441";
const OWNER_CHANNEL = CHANNEL_ID;
const SEND_MESSAGES = (1n << 10n) | (1n << 11n);

let discord: FakeDiscord;
let loopback: LoopbackBot;
let app: Citebot;
let corpusDir: string;
let dataDir: string;
let pages: { base: string; host: string; stop(): Promise<void> };
const log: string[] = [];
const json = (message: unknown) => JSON.stringify(message);
const moderatorIn = (guildId: string, userId = "888888888888888888") => ({ permissions: MANAGE_GUILD, userId, guildId });
const memberIn = (guildId: string, n = 0) => ({ userId: String(500000000000000000n + BigInt(n)), guildId, permissions: SEND_MESSAGES });
const ask = (guildId: string, n: number, question = "Who brokered the deal?") =>
  discord.sendCommand("ask", [{ name: "question", value: question }], memberIn(guildId, n));

/** An article of a few sentences, as a news page. */
const articlePage = (title: string, sentence: string) =>
  `<html><head><title>${title}</title><meta property="og:title" content="${title}"><meta property="og:site_name" content="Loopback News"><meta property="article:published_time" content="2026-11-30"></head><body><article>${Array.from(
    { length: 6 },
    (_, i) => `<p>${sentence} Paragraph ${i + 1} says more about it, the spokesman said on Tuesday.</p>`,
  ).join("")}</article></body></html>`;

/** A page whose elements are nested `depth` deep, a word at every level (1,200 deep: 16 KB; readability took 20 s over 1,000). */
const nestedPage = (depth: number) => `<html><body>${"<div>a ".repeat(depth)}${"</div>".repeat(depth)}</body></html>`;

/** Pages on 127.0.0.1: articles (one answering after `?wait=ms`) and hostile nestings. */
async function startPages(): Promise<typeof pages> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const send = (body: string) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(body);
    };
    const nested = url.pathname.match(/^\/nested\/(\d+)$/);
    if (nested) return send(nestedPage(Number(nested[1])));
    const story = url.pathname.match(/^\/story\/([a-z-]+)$/);
    if (story) {
      const wait = Number(url.searchParams.get("wait") ?? 0);
      const slug = story[1]!;
      setTimeout(
        () => send(articlePage(`The ${slug.replace(/-/g, " ")}`, `The ${slug.replace(/-/g, " ")} was announced by the ministry.`)),
        wait,
      );
      return;
    }
    response.writeHead(404);
    response.end();
  });
  return onLoopback(server);
}

beforeAll(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "citebot-isolation-corpus-"));
  await cp(SEED_CORPUS, corpusDir, { recursive: true });
  dataDir = await mkdtemp(path.join(tmpdir(), "citebot-isolation-data-"));
  pages = await startPages();
  const folders = { corpusDir, dataDir };
  app = new Citebot((await openEngine(folders)).engine, folders, {
    curatorGuildId: CURATOR,
    allowedPrivateHosts: [pages.host],
    // Room for one server's index at a time: the others are let go, unless busy.
    serverIndexBudgetBytes: 1,
    quotas: { answerThreads: 1 },
  });
  loopback = await startLoopbackBot(app, log, { guilds: [A, B, C, CURATOR], bot: { guildId: null, moderationChannelId: OWNER_CHANNEL } });
  discord = loopback.discord;
  discord.channels.add(REPORTS_CHANNEL);
});

afterAll(async () => {
  await loopback?.stop();
  await pages?.stop();
});

/** Asks from server C every `everyMs` while `work` runs; each ask's acknowledgement time. */
async function askingMeanwhile<T>(work: Promise<T>, everyMs = 150): Promise<{ result: T; asked: InteractionResponse[] }> {
  const asks: Promise<InteractionResponse>[] = [];
  let n = 0;
  const timer = setInterval(() => asks.push(ask(C, n++)), everyMs);
  try {
    const result = await work;
    return { result, asked: await Promise.all(asks) };
  } finally {
    clearInterval(timer);
  }
}

describe("one server cannot slow or break the bot for another", () => {
  it("GIVEN a 16 KB page nested 1,200 deep and one 16,000 deep THEN each is refused, saying why, while every /ask in another server is acknowledged in time", async () => {
    for (const depth of [1_200, 16_000]) {
      const started = performance.now();
      const { result: added, asked } = await askingMeanwhile(
        discord.subcommand("corpus", "add", [{ name: "url", value: `${pages.base}/nested/${depth}` }], moderatorIn(A)),
      );
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(json(finalMessage(added))).toMatch(/nested more than 128 elements deep, the most Citebot reads/);
      for (const r of asked) expect(r.acknowledgedAfter).toBeLessThan(ACKNOWLEDGE_WITHIN_MS);
      for (const r of asked) expect(json(finalMessage(r))).toContain("The deal was brokered by Turkey and Russia.");
    }
    expect(await readdir(path.join(dataDir, "servers", A, "articles")).catch(() => [])).toEqual([]);
  });

  it("GIVEN eight links added at once in one server THEN one is fetched and the others refused, naming the limit; the bot answers everyone meanwhile", async () => {
    const adds = Array.from({ length: 8 }, (_, i) =>
      discord.subcommand(
        "corpus",
        "add",
        [{ name: "url", value: `${pages.base}/story/grain-tender-${"abcdefgh"[i]}?wait=800` }],
        moderatorIn(B),
      ),
    );
    const { result, asked } = await askingMeanwhile(Promise.all(adds));
    const outcomes = result.map((r) => json(finalMessage(r)));
    expect(outcomes.filter((o) => /added/.test(o))).toHaveLength(1);
    expect(outcomes.filter((o) => /already fetching a page, the most at once \(`LINK_FETCHES_PER_SERVER`\)/.test(o))).toHaveLength(7);
    for (const r of asked) expect(r.acknowledgedAfter).toBeLessThan(ACKNOWLEDGE_WITHIN_MS);
  });

  it("GIVEN a slow link add, other servers asking (its index would be let go), then a file added THEN both adds are kept, listed and answered", async () => {
    const linked = discord.subcommand(
      "corpus",
      "add",
      [{ name: "url", value: `${pages.base}/story/harbour-crane-contract?wait=1500` }],
      moderatorIn(A),
    );
    await new Promise((r) => setTimeout(r, 300));
    // B's and C's indexes are loaded meanwhile: with room for one, A's would go were it not busy.
    await discord.subcommand("corpus", "list", [], moderatorIn(B));
    await ask(C, 900);
    const file = discord.attach("tram-report.txt", "The tram line to Odessa Street reopened on Monday, the city transport office said.\n");
    const uploaded = discord.subcommand("corpus", "add", [{ name: "file", type: 11, value: file }], moderatorIn(A));
    expect(json(finalMessage(await linked))).toMatch(/Article harbour-crane-contract added/);
    expect(json(finalMessage(await uploaded))).toMatch(/Article tram-report added/);
    const list = json(finalMessage(await discord.subcommand("corpus", "list", [], moderatorIn(A))));
    expect(list).toContain("harbour-crane-contract");
    expect(list).toContain("tram-report");
    expect(json(finalMessage(await ask(A, 901, "When did the tram line to Odessa Street reopen?")))).toContain("Odessa Street reopened");
    expect(json(finalMessage(await ask(A, 902, "Who announced the harbour crane contract?")))).toContain(
      "harbour crane contract was announced",
    );
    expect((await readdir(path.join(dataDir, "servers", A, "articles"))).sort()).toEqual([
      "harbour-crane-contract.json",
      "harbour-crane-contract.txt",
      "tram-report.txt",
    ]);
    // Each edit's intent and outcome are journalled with the server's data.
    const journal = await readFile(path.join(dataDir, "servers", A, "audit.jsonl"), "utf8");
    expect(journal.match(/"done":/g)).toHaveLength(2);
  });
});

describe("each server its own settings and reports", () => {
  it("GIVEN a server's reports channel THEN its reports go there, never to the owner's; twelve at once are all thanked at once and posted as a digest", async () => {
    const set = await discord.subcommand("settings", "reports", [{ name: "channel", type: 7, value: REPORTS_CHANNEL }], moderatorIn(C));
    expect(json(finalMessage(set))).toContain(`<#${REPORTS_CHANNEL}>`);
    const answer = finalMessage(await ask(C, 1_000, "What did Lavrov expect?"));
    const report = buttonsOf(answer).at(-1).custom_id as string;
    const before = discord.channelMessages.length;
    const started = performance.now();
    const clicks = await Promise.all(Array.from({ length: 12 }, (_, i) => discord.click(report, memberIn(C, 2_000 + i))));
    for (const c of clicks) {
      expect(c.callback.data.content).toBe("Thank you: this server's moderators will be told.");
      expect(c.acknowledgedAfter).toBeLessThan(1_000);
    }
    expect(performance.now() - started).toBeLessThan(3_000);
    // Every report was queued before the first post came back: the rest go as one digest, spacing after it.
    await expect
      .poll(
        () =>
          discord.channelMessages
            .slice(before)
            .map((m) => m.content)
            .join("\n"),
        { timeout: 10_000 },
      )
      .toMatch(/\*\*11 reports\*\* of a wrong speaker or quote came in together/);
    const posted = discord.channelMessages.slice(before);
    expect(posted).toHaveLength(2);
    expect(posted.every((m) => m.channel_id === REPORTS_CHANNEL)).toBe(true);
    expect(log.filter((l) => / action=report /.test(l) && l.includes(`guild=${C}`))).toHaveLength(12);
  });

  it("GIVEN a server without a reports channel THEN its reports stay in the log; the curator server's go to the owner's channel", async () => {
    const before = discord.channelMessages.length;
    const answer = finalMessage(await ask(B, 3_000, "What did Lavrov expect?"));
    const thanked = await discord.click(buttonsOf(answer).at(-1).custom_id, memberIn(B, 3_001));
    expect(thanked.callback.data.content).toBe("Thank you: your report is in the bot's log for its moderators.");
    const curatorAnswer = finalMessage(await ask(CURATOR, 3_002, "What did Lavrov expect?"));
    await discord.click(buttonsOf(curatorAnswer).at(-1).custom_id, memberIn(CURATOR, 3_003));
    await expect.poll(() => discord.channelMessages.slice(before).map((m) => m.channel_id)).toEqual([OWNER_CHANNEL]);
  });

  it("GIVEN answers made private in a server THEN an /ask there is private unless asked otherwise, and /settings show says so", async () => {
    await discord.subcommand("settings", "answers", [{ name: "private", value: true }], moderatorIn(B));
    const asked = await ask(B, 4_000);
    expect((asked.callback.data?.flags ?? 0) & 64).toBe(64);
    const chosen = await discord.sendCommand(
      "ask",
      [{ name: "question", value: "Who brokered the deal?" }, { name: "private", value: false, type: 5 } as never],
      memberIn(B, 4_001),
    );
    expect((chosen.callback.data?.flags ?? 0) & 64).toBe(0);
    const elsewhere = await ask(C, 4_002);
    expect((elsewhere.callback.data?.flags ?? 0) & 64).toBe(0);
    const shown = json(finalMessage(await discord.subcommand("settings", "show", [], moderatorIn(B))));
    expect(shown).toMatch(/private/i);
    expect(await readFile(path.join(dataDir, "servers", B, "settings.json"), "utf8")).toContain('"privateAnswers": true');
  });
});

describe("payloads Discord would never send, and what replies never show", () => {
  it("GIVEN a DM that carries a moderator's role and permissions THEN a moderators' command is refused and the shared articles stay", async () => {
    const before = (await readdir(corpusDir)).sort();
    const crafted = { dm: "with member data" as const, permissions: MANAGE_GUILD, userId: "919191919191919191" };
    const removed = await discord.subcommand("corpus", "remove", [{ name: "id", value: "000_90a7ceb65c3b6153" }], crafted);
    expect(json(finalMessage(removed))).toMatch(/\/corpus is not for direct messages/);
    expect((await readdir(corpusDir)).sort()).toEqual(before);
  });

  it("GIVEN a moderators' command through a user's own install in a server without the bot THEN refused; Post in channel there too", async () => {
    const userInstall = { ...moderatorIn("666666666666666666", "929292929292929292"), userInstalled: true };
    const listed = await discord.subcommand("corpus", "list", [], userInstall);
    expect(json(finalMessage(listed))).toMatch(/This server has not added Citebot, so \/corpus cannot run here/);
    const posted = await discord.click("cb1:post:000_90a7ceb65c3b6153:9.1", { ...userInstall, permissions: SEND_MESSAGES });
    expect(posted.callback.data.content).toBe("This server has not added Citebot, so its answers stay private to you.");
  });

  it("GIVEN Post in channel from a member who may not send messages there THEN refused privately; one who may, posts", async () => {
    const refused = await discord.click("cb1:post:000_90a7ceb65c3b6153:9.1", {
      userId: "939393939393939393",
      guildId: C,
      permissions: 1n << 10n,
    });
    expect(refused.callback.data).toMatchObject({
      content: "You cannot send messages in this channel, so Citebot cannot post the passage here for you.",
      flags: 64,
    });
    const posted = await discord.click("cb1:post:000_90a7ceb65c3b6153:9.1", memberIn(C, 5_000));
    expect((posted.callback.data.flags ?? 0) & 64).toBe(0);
    expect(json(posted.callback.data)).toContain("The deal was brokered by Turkey and Russia.");
  });

  it("GIVEN a crafted server id THEN one clear log line, no stack, and a refusal", async () => {
    const lines = log.length;
    const crafted = await discord.subcommand("corpus", "list", [], moderatorIn("../../etc"));
    expect(json(finalMessage(crafted))).toContain("Citebot could not tell which server this came from");
    const asked = await discord.sendCommand("ask", [{ name: "question", value: "Who brokered the deal?" }], { guildId: "1e99" });
    expect(json(finalMessage(asked))).toContain("Citebot could not tell which server this came from");
    const added = log.slice(lines).join("\n");
    expect(added.match(/WARN refused an interaction with a malformed server id/g)).toHaveLength(2);
    expect(added).not.toMatch(/RangeError|\n\s+at /);
  });

  it("GIVEN a bot's message whose embeds hold 5,800 characters THEN Find sources checks its first 300", async () => {
    const long = `Turkey and Russia brokered the deal\n${"The convoy waited at the crossing for hours. ".repeat(130)}`;
    expect(long.length).toBeGreaterThan(5_800);
    const found = finalMessage(await discord.messageCommand("Find sources", long, { postedAs: "embed" }, memberIn(C, 6_000)));
    expect(json(found)).toContain("The deal was brokered by Turkey and Russia.");
    expect(json(found)).toMatch(/first 300 characters/);
  });

  it("GIVEN replacements, removals, a trash that cannot be written, a failed and a refused reindex THEN no reply shows a path on the bot's host", async () => {
    const replies: unknown[] = [];
    const edit = async (sub: string, options: { name: string; value: string | boolean | number; type?: number }[], guildId = A) =>
      replies.push(finalMessage(await discord.subcommand("corpus", sub, options, moderatorIn(guildId))));
    const dam = (text: string) => discord.attach("dam.txt", text);
    await edit("add", [{ name: "file", type: 11, value: dam("The dam held through the night, the water board said.") }]);
    await edit("add", [
      { name: "file", type: 11, value: dam("The dam broke at dawn, the water board said.") },
      { name: "replace", value: true },
    ]);
    expect(json(replies.at(-1))).toMatch(/trash\/[\dTZ-]+_dam/);
    await edit("remove", [{ name: "id", value: "dam" }]);
    await edit("add", [{ name: "file", type: 11, value: dam("The dam held again, the water board said.") }]);
    // The server's trash is a file now: the next replacement cannot keep the old version.
    const { writeFile, rm, rename, mkdir } = await import("node:fs/promises");
    const trash = path.join(dataDir, "servers", A, "trash");
    await rm(trash, { recursive: true, force: true });
    await writeFile(trash, "not a folder");
    await edit("add", [
      { name: "file", type: 11, value: dam("The dam broke again, the water board said.") },
      { name: "replace", value: true },
    ]);
    expect(json(replies.at(-1))).toMatch(/could not be kept in `trash\//);
    await rm(trash);
    // The shared corpus, from the curator server: a file that cannot be read, then a folder emptied.
    await writeFile(path.join(corpusDir, "photo.txt"), Buffer.from([0xff, 0xd8, 0xff, 0x00]));
    replies.push(finalMessage(await discord.command("reindex", [], moderatorIn(CURATOR))));
    expect(json(replies.at(-1))).toMatch(/photo\.txt/);
    await rm(path.join(corpusDir, "photo.txt"));
    const aside = path.join(tmpdir(), `citebot-aside-${process.pid}`);
    await mkdir(aside, { recursive: true });
    for (const name of await readdir(corpusDir)) await rename(path.join(corpusDir, name), path.join(aside, name));
    replies.push(finalMessage(await discord.command("reindex", [], moderatorIn(CURATOR))));
    expect(json(replies.at(-1))).toMatch(/has no articles/);
    for (const name of await readdir(aside)) await rename(path.join(aside, name), path.join(corpusDir, name));
    for (const reply of replies) {
      const shown = json(reply);
      expect(shown).not.toContain(dataDir);
      expect(shown).not.toContain(corpusDir);
      expect(shown).not.toContain(tmpdir());
    }
  });
});
