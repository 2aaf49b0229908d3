import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { MAX_EMBED_DESCRIPTION } from "../../src/discord/limits.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { type FakeDiscord, finalMessage, GUILD_ID, MANAGE_GUILD } from "../support/fakeDiscord.js";
import { type LoopbackBot, startLoopbackBot } from "../support/loopbackBot.js";

let discord: FakeDiscord;
let loopback: LoopbackBot;
let app: Citebot;
let corpusDir: string;
const log: string[] = [];
const moderator = { permissions: MANAGE_GUILD, userId: "888888888888888888" };
const member = { permissions: 0n, userId: "999999999999999999" };
const json = (message: unknown) => JSON.stringify(message);

/** A bulk of articles, so that a reindex takes long enough to be seen running, and lists run over a page. */
async function manyArticles(dir: string, count: number): Promise<void> {
  for (let a = 0; a < count; a++) {
    const text = Array.from(
      { length: 60 },
      (_, i) => `Official ${a}-${i} said the harbour at Port ${i % 17} would reopen on day ${i}.`,
    ).join("\n");
    await writeFile(path.join(dir, `wire${String(a).padStart(3, "0")}.txt`), text);
    await writeFile(
      path.join(dir, `wire${String(a).padStart(3, "0")}.json`),
      JSON.stringify({ title: `Wire ${a}`, publisher: "Port Wire", url: `https://example.org/wire/${a}`, published: "2020-01-02" }),
    );
  }
}

beforeAll(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "citebot-wording-"));
  await cp(SEED_CORPUS, corpusDir, { recursive: true });
  await manyArticles(corpusDir, 43);
  const folders = { corpusDir, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-wording-data-")) };
  app = new Citebot((await openEngine(folders)).engine, folders, { curatorGuildId: GUILD_ID });
  loopback = await startLoopbackBot(app, log, { bot: { progressAfterMs: 0 } });
  discord = loopback.discord;
});

afterAll(async () => {
  await loopback?.stop();
});

describe("options Discord would never send", () => {
  it("GIVEN a question option of another type, or none THEN a clear private sentence, and nothing thrown while logging", async () => {
    const typed = await discord.command("ask", [{ name: "question", value: 42, type: 4 }]);
    expect(typed.message.content).toBe("The question option of `/ask` must be text.");
    expect(typed.callback.data.flags & 64).toBe(64);
    const missing = await discord.command("ask", []);
    expect(missing.message.content).toBe("`/ask` needs its question option: `/ask question:…`.");
    const privateAsText = await discord.command("ask", [
      { name: "question", value: "Who brokered the deal?" },
      { name: "private", value: "yes", type: 3 },
    ]);
    expect(privateAsText.message.content).toBe("The private option of `/ask` must be True or False.");
    const page = await discord.subcommand("corpus", "list", [{ name: "page", value: 1.5, type: 10 }], moderator);
    expect(json(finalMessage(page))).toContain("The page option of `/corpus list` must be a whole number.");
    await new Promise((r) => setTimeout(r, 50));
    expect(log.join("\n")).not.toMatch(/unhandled rejection|interaction failed|Invalid input/);
  });
});

describe("wording", () => {
  it("GIVEN /source with an unknown id THEN the id and the example are code, not backslashed backticks", async () => {
    const { message: reply } = await discord.command("source", [{ name: "id", value: "nope" }]);
    expect(reply.content).toBe(
      "Nothing has the id `nope`. Passage ids look like `article-id:3.2` (paragraph 3, sentence 2); `/ask` shows them under each quote.",
    );
  });

  it("GIVEN a reindex running THEN members who may not reindex are refused as usual, and /corpus list just lists", async () => {
    const running = app.shared.reindex();
    const refused = await discord.command("reindex", [], member);
    expect(json(refused.edits.at(-1))).toMatch(/Only moderators can reindex/);
    expect(json(refused.edits)).not.toMatch(/already running/);
    const list = await discord.subcommand("corpus", "list", [], moderator);
    // Listing rebuilds nothing: it is answered at once, not deferred behind the reindex.
    expect(list.callback.type).toBe(4);
    expect(json(finalMessage(list))).not.toMatch(/already running/);
    expect(json(finalMessage(list))).toMatch(/Articles 1–20 of 45/);
    const joined = await discord.command("reindex", [], moderator);
    expect(json(joined.edits[0])).toMatch(/A reindex is already running; its result will appear here when it ends/);
    await running;
    await expect.poll(() => json(joined.edits.at(-1)), { timeout: 10_000 }).toMatch(/Reindexed \(joined the reindex already running\)/);
  });

  it("GIVEN a reindex that takes a while THEN its reply shows how far it is before the report", async () => {
    const response = await discord.command("reindex", [], moderator);
    await expect.poll(() => json(response.edits.at(-1)), { timeout: 10_000 }).toMatch(/"title":"Reindexed"/);
    // The report replaces the progress line: nothing of it is left above the report.
    expect(response.edits.at(-1).content).toBe("");
    const progress = response.edits.slice(0, -1).map((e) => e.content);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.join("\n")).toMatch(
      /-# (?:Reading the corpus: \d+ of \d+ files|Building the index: [\d,]+ of 45 articles|Saving the index)…/,
    );
  });

  it("GIVEN more articles than a page THEN /corpus list pages them and says how to see the next", async () => {
    const first = finalMessage(await discord.subcommand("corpus", "list", [], moderator)).embeds[0];
    expect(first.title).toBe("Articles 1–20 of 45 (page 1 of 3)");
    expect(first.description.split("\n")).toHaveLength(20);
    expect(first.footer.text).toBe("Page 1 of 3 · next: /corpus list page:2");
    const last = finalMessage(await discord.subcommand("corpus", "list", [{ name: "page", value: 3 }], moderator)).embeds[0];
    expect(last.title).toBe("Articles 41–45 of 45 (page 3 of 3)");
    expect(last.description.split("\n")).toHaveLength(5);
    const beyond = finalMessage(await discord.subcommand("corpus", "list", [{ name: "page", value: 9 }], moderator)).embeds[0];
    expect(beyond.title).toBe("Articles 41–45 of 45 (page 3 of 3)");
  });

  it("GIVEN a failed download of the attachment THEN the clear message a missing file gets, not the apology", async () => {
    const file = discord.attach("cut-off.txt", "The text never arrives.", { breaks: true });
    const response = await discord.subcommand("corpus", "add", [{ name: "file", type: 11, value: file }], moderator);
    expect(response.edits.at(-1).content).toMatch(/^The file could not be downloaded from Discord \(.+\); please upload it again\.$/);
  });

  it("GIVEN a reindex with hundreds of problems THEN as many as fit, how many more, and every one in the log", async () => {
    for (let i = 0; i < 300; i++) await writeFile(path.join(corpusDir, `bad${String(i).padStart(3, "0")}.txt`), Buffer.from([0x41, 0x00]));
    const response = await discord.command("reindex", [], moderator);
    await expect.poll(() => json(response.edits.at(-1)), { timeout: 10_000 }).toMatch(/Reindex failed/);
    const description: string = response.edits.at(-1).embeds[0].description;
    expect(description.length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
    const shown = description.split("\n").filter((l) => l.startsWith("`bad")).length;
    expect(description).toMatch(new RegExp(`…and ${300 - shown} more problems: every one is in the bot's log\\.$`));
    expect(log.filter((l) => /INFO corpus problem command=reindex file=bad\d+\.txt/.test(l))).toHaveLength(300);
  });
});
