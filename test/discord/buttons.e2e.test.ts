import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { type RunningBot, startBot } from "../../src/discord/bot.js";
import { textFragmentUrl } from "../../src/discord/buttons.js";
import { createLogger } from "../../src/log.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { CHANNEL_ID, FakeDiscord, finalMessage, GUILD_ID, TOKEN } from "../support/fakeDiscord.js";

let discord: FakeDiscord;
let bot: RunningBot;
const log: string[] = [];
const folders = async () => ({ corpusDir: SEED_CORPUS, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-buttons-")) });
const start = async (moderationChannelId = CHANNEL_ID) => {
  const f = await folders();
  return startBot(
    { token: TOKEN, clientId: null, guildId: GUILD_ID, apiUrl: discord.apiUrl, moderationChannelId },
    new Citebot((await openEngine(f)).engine, f),
    commands,
    createLogger("info", (l) => log.push(l)),
  );
};

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await start();
});
afterAll(async () => {
  await bot?.stop();
  await discord?.stop();
});

const PRIVATE = 64;

describe("an answer's buttons", () => {
  it("GIVEN an answer THEN a row a passage: More context by the passage's id, and Open at the quote with a text fragment", async () => {
    const answer = finalMessage(await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }]));
    const rows = answer.components as { components: { custom_id?: string; url?: string; label: string }[] }[];
    // A row a passage (four at most), then the answer's own row.
    expect(rows.length).toBe(Math.min(answer.embeds.length, 4) + 1);
    const [context, open] = rows[0]!.components;
    expect(context).toMatchObject({ custom_id: "cb1:ctx:000_90a7ceb65c3b6153:9.1", label: "More context (1)" });
    expect(open!.url).toBe(
      "https://ummid.com/news/2016/December/15.12.2016/east-aleppo-under-heavy-shelling-despite-truce.html#:~:text=The%20deal%20was%20brokered%20by%20Turkey%20and%20Russia.",
    );
  });

  it("GIVEN More context clicked, even by a bot started since THEN the passage in its context, privately; a stale or unknown id, a clear private answer", async () => {
    await bot.stop();
    bot = await start();
    const clicked = await discord.click("cb1:ctx:000_90a7ceb65c3b6153:9.1");
    expect(clicked.callback.data.flags & PRIVATE).toBe(PRIVATE);
    expect(JSON.stringify(clicked.callback.data)).toContain("The deal was brokered by Turkey and Russia.");
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
  it("GIVEN a private answer (Find sources) THEN Post in channel on each passage; clicked, the passage for everyone, saying who shared it", async () => {
    const found = finalMessage(await discord.messageCommand("Find sources", "Turkey and Russia brokered the deal"));
    const post = (found.components as { components: { custom_id?: string; label: string }[] }[])[0]!.components.find((b) =>
      b.label.startsWith("Post in channel"),
    )!;
    expect(post.custom_id).toMatch(/^cb1:post:/);
    const posted = await discord.click(post.custom_id!, { userId: "828282828282828282" });
    expect((posted.callback.data.flags ?? 0) & PRIVATE).toBe(0);
    expect(posted.callback.data.content).toMatch(/^-# Shared by <@828282828282828282>/);
    expect(posted.callback.data.allowed_mentions).toEqual({ parse: [] });
    const open = finalMessage(await discord.command("ask", [{ name: "question", value: "Who brokered the deal?" }]));
    expect(JSON.stringify(open.components)).not.toContain("Post in channel");
  });
});

describe("reporting a wrong speaker or quote", () => {
  it("GIVEN Report clicked THEN an audit line, a message in the moderators' channel naming the passage and its speaker, thanks in private", async () => {
    const answer = finalMessage(await discord.command("ask", [{ name: "question", value: "What did Lavrov expect?" }]));
    const rows = answer.components as { components: { custom_id?: string; label: string }[] }[];
    const report = rows.at(-1)!.components[0]!;
    expect(report.label).toBe("Report a wrong speaker or quote");
    const clicked = await discord.click(report.custom_id!, { userId: "818181818181818181" });
    expect(clicked.callback.data).toMatchObject({ content: "Thank you: the moderators have been told.", flags: PRIVATE });
    const posted = discord.channelMessages.at(-1);
    expect(posted.content).toContain("**Report:** <@818181818181818181>");
    expect(posted.content).toContain(report.custom_id!.replace("cb1:rep:", ""));
    expect(posted.allowed_mentions).toEqual({ parse: [] });
    expect(log.join("\n")).toMatch(/audit .*action=report/);
  });
});

describe("a report when the moderators' channel cannot be reached", () => {
  it("GIVEN a channel the bot cannot post in THEN the report is still audited and the reporter thanked, never left with a failed interaction", async () => {
    await bot.stop();
    bot = await start("999999999999999990");
    const answer = finalMessage(await discord.command("ask", [{ name: "question", value: "What did Lavrov expect?" }]));
    const report = (answer.components as { components: { custom_id?: string }[] }[]).at(-1)!.components[0]!;
    const clicked = await discord.click(report.custom_id!);
    expect(clicked.callback.data).toMatchObject({
      content: "Thank you: your report is in the bot's log for its moderators.",
      flags: PRIVATE,
    });
    expect(log.join("\n")).toMatch(/could not post the report in the moderators' channel/);
  });
});

describe("text fragments", () => {
  it("GIVEN a long quote, a link with a fragment, and dashes or commas in the words THEN start and end words, the old fragment replaced, escaped", () => {
    expect(textFragmentUrl("https://example.org/a#top", "One two three four five six seven eight nine ten, eleven-twelve")).toBe(
      "https://example.org/a#:~:text=One%20two%20three%20four,eight%20nine%20ten%2C%20eleven%2Dtwelve",
    );
    expect(textFragmentUrl("not a url", "x")).toBeNull();
  });
});
