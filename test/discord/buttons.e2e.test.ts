import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { type RunningBot, startBot } from "../../src/discord/bot.js";
import { createLogger } from "../../src/log.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { buttonsOf, containersOf } from "../support/discordMessages.js";
import { CHANNEL_ID, FakeDiscord, finalMessage, GUILD_ID, TOKEN } from "../support/fakeDiscord.js";

let discord: FakeDiscord;
let bot: RunningBot;
const log: string[] = [];
const folders = async () => ({ corpusDir: SEED_CORPUS, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-buttons-")) });
// GUILD_ID is the owner's curator server: its reports go to MODERATION_CHANNEL_ID until it chooses a channel of its own.
const start = async (moderationChannelId = CHANNEL_ID) => {
  const f = await folders();
  return startBot(
    { token: TOKEN, clientId: null, guildId: GUILD_ID, apiUrl: discord.apiUrl, moderationChannelId },
    new Citebot((await openEngine(f)).engine, f, { curatorGuildId: GUILD_ID }),
    commands,
    createLogger("info", (l) => log.push(l)),
  );
};
/** A member who may send messages in the channel (the permissions Discord sends are the member's there). */
const SEND_MESSAGES = (1n << 10n) | (1n << 11n);

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await start();
});
afterAll(async () => {
  await bot?.stop();
  await discord?.stop();
});

const PRIVATE = 64;
const IS_COMPONENTS_V2 = 1 << 15;

describe("an answer's buttons", () => {
  it("GIVEN an answer THEN in each passage's container More context by the passage's id and Open at the quote with a text fragment; Report under them", async () => {
    const answer = finalMessage(await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }]));
    expect(answer.flags & IS_COMPONENTS_V2).toBe(IS_COMPONENTS_V2);
    const containers = containersOf(answer);
    expect(containers.length).toBeGreaterThan(1);
    const [context, open, ...others] = buttonsOf(containers[0]);
    expect(context).toMatchObject({ custom_id: "cb1:ctx:000_90a7ceb65c3b6153:9.1", label: "More context" });
    expect(open.url).toBe(
      "https://ummid.com/news/2016/December/15.12.2016/east-aleppo-under-heavy-shelling-despite-truce.html#:~:text=The%20deal%20was%20brokered%20by%20Turkey%20and%20Russia.",
    );
    // A public answer has nothing to post; the answer's Report is its last row, outside the passages.
    expect(others).toEqual([]);
    for (const c of containers) expect(buttonsOf(c).map((b) => b.label)).toContain("More context");
    expect(buttonsOf(answer).at(-1)).toMatchObject({
      label: "Report a wrong speaker or quote",
      custom_id: "cb1:rep:000_90a7ceb65c3b6153:9.1",
    });
    expect(answer.components.at(-1).type).toBe(1);
    expect(discord.rejected).toEqual([]);
  });

  it("GIVEN More context clicked, even by a bot started since THEN the passage in its context, privately; a stale or unknown id, a clear private answer", async () => {
    await bot.stop();
    bot = await start();
    const clicked = await discord.click("cb1:ctx:000_90a7ceb65c3b6153:9.1");
    expect(clicked.callback.data.flags & PRIVATE).toBe(PRIVATE);
    expect(JSON.stringify(clicked.callback.data)).toContain("The deal was brokered by Turkey and Russia.");
    // The passage's own buttons: to the article at the quote, and (it being private) to post it.
    expect(buttonsOf(clicked.callback.data).map((b) => b.label)).toEqual(["Open at the quote", "Post in channel"]);
    const gone = await discord.click("cb1:ctx:000_90a7ceb65c3b6153:99.1");
    expect(gone.callback.data.content).toMatch(/^Nothing has the id `000_90a7ceb65c3b6153:99\.1`/);
    expect(gone.callback.data.flags & PRIVATE).toBe(PRIVATE);
    const stale = await discord.click("cb0:something");
    expect(stale.callback.data).toMatchObject({
      content: "This button is from an older Citebot: ask again for a fresh answer.",
      flags: PRIVATE,
    });
  });
});

describe("posting a private answer's passage", () => {
  it("GIVEN a private answer (Find sources) THEN Post in channel on each passage; clicked, even after a restart, the passage for everyone, saying who shared it", async () => {
    const found = finalMessage(await discord.messageCommand("Find sources", "Turkey and Russia brokered the deal"));
    for (const c of containersOf(found)) expect(buttonsOf(c).map((b) => b.label)).toContain("Post in channel");
    const post = buttonsOf(containersOf(found)[0]).find((b) => b.label === "Post in channel");
    expect(post.custom_id).toMatch(/^cb1:post:/);
    // Clicked on a bot started since the answer: the id is all it needs.
    await bot.stop();
    bot = await start();
    const posted = await discord.click(post.custom_id, { userId: "828282828282828282", permissions: SEND_MESSAGES });
    expect((posted.callback.data.flags ?? 0) & PRIVATE).toBe(0);
    expect(posted.callback.data.content).toMatch(/^-# Shared by <@828282828282828282>/);
    expect(posted.callback.data.allowed_mentions).toEqual({ parse: [] });
    expect(buttonsOf(posted.callback.data).map((b) => b.label)).toEqual(["Open at the quote"]);
    const open = finalMessage(await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }]));
    expect(JSON.stringify(open.components)).not.toContain("Post in channel");
    expect(discord.rejected).toEqual([]);
  });
});

describe("reporting a wrong speaker or quote", () => {
  it("GIVEN Report clicked, even after a restart, THEN an audit line, a message in the moderators' channel naming the passage and its speaker, thanks in private; once a minute a user", async () => {
    const answer = finalMessage(await discord.command("ask", [{ name: "question", value: "What did Lavrov expect?" }]));
    const report = buttonsOf(answer).at(-1);
    expect(report.label).toBe("Report a wrong speaker or quote");
    await bot.stop();
    bot = await start();
    const clicked = await discord.click(report.custom_id, { userId: "818181818181818181" });
    expect(clicked.callback.data).toMatchObject({ content: "Thank you: this server's moderators will be told.", flags: PRIVATE });
    await expect.poll(() => discord.channelMessages.length).toBe(1);
    const posted = discord.channelMessages.at(-1);
    expect(posted.content).toContain("**Report:** <@818181818181818181>");
    expect(posted.content).toContain(report.custom_id.replace("cb1:rep:", ""));
    expect(posted.allowed_mentions).toEqual({ parse: [] });
    expect(log.join("\n")).toMatch(/audit .*action=report/);
    // Pressed again and again, it tells the moderators once a minute at most; someone else's report still goes.
    const posts = discord.channelMessages.length;
    const again = await discord.click(report.custom_id, { userId: "818181818181818181" });
    expect(again.callback.data).toMatchObject({ flags: PRIVATE });
    expect(again.callback.data.content).toMatch(
      /^Thank you: your last report is with the moderators already\. You can send another in \d+ s\.$/,
    );
    expect(discord.channelMessages).toHaveLength(posts);
    await discord.click(report.custom_id, { userId: "828282828282828282" });
    await expect.poll(() => discord.channelMessages.length, { timeout: 5_000 }).toBe(posts + 1);
  });
});

describe("a report when the moderators' channel cannot be reached", () => {
  it("GIVEN a channel the bot cannot post in THEN the report is still audited and the reporter thanked, never left with a failed interaction", async () => {
    await bot.stop();
    bot = await start("999999999999999990");
    const answer = finalMessage(await discord.command("ask", [{ name: "question", value: "What did Lavrov expect?" }]));
    const clicked = await discord.click(buttonsOf(answer).at(-1).custom_id);
    expect(clicked.callback.data).toMatchObject({ content: "Thank you: this server's moderators will be told.", flags: PRIVATE });
    await expect.poll(() => log.join("\n")).toMatch(/could not post reports in the moderators' channel/);
    expect(log.join("\n")).toMatch(/audit .*action=report/);
  });
});
