import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { startBot } from "../../src/discord/bot.js";
import { ACKNOWLEDGE_WITHIN_MS } from "../../src/discord/limits.js";
import { createLogger } from "../../src/log.js";
import { SEED_CORPUS } from "../support/corpus.js";
import { containersOf, messageText } from "../support/discordMessages.js";
import { FakeDiscord, finalMessage, GUILD_ID, MANAGE_GUILD, TOKEN } from "../support/fakeDiscord.js";

const CONCURRENT = 200;
const QUESTIONS = [
  "Who brokered the deal?",
  "What did Lavrov expect?",
  "How many people remain in rebel-held Aleppo?",
  "What is the capital of Peru?",
  "road blocks convoy",
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

describe("load through the loopback Discord", () => {
  it(`GIVEN ${CONCURRENT} concurrent /ask while a reindex runs THEN every one is acknowledged within 3 s and answered`, async () => {
    const corpusDir = await mkdtemp(path.join(tmpdir(), "citebot-load-"));
    await cp(SEED_CORPUS, corpusDir, { recursive: true });
    // Enough extra text that the reindex is still running while the questions arrive.
    for (let a = 0; a < 30; a++) {
      await writeFile(
        path.join(corpusDir, `extra${a}.txt`),
        Array.from({ length: 150 }, (_, i) => `Inspector ${a}-${i} said the grain depot at Kessel ${i % 13} was sealed on day ${i}.`).join(
          "\n",
        ),
      );
    }
    const folders = { corpusDir, dataDir: await mkdtemp(path.join(tmpdir(), "citebot-load-data-")) };
    const app = new Citebot((await openEngine(folders)).engine, folders, { curatorGuildId: GUILD_ID, quotas: { answerThreads: 1 } });
    await writeFile(path.join(corpusDir, "late.txt"), "The lighthouse at Cape Ora was repainted in May, the keeper said.");
    const discord = await FakeDiscord.start();
    const bot = await startBot(
      { token: TOKEN, clientId: null, guildId: GUILD_ID, apiUrl: discord.apiUrl },
      app,
      commands,
      createLogger("warn"),
    );
    try {
      const reindex = discord.sendCommand("reindex", [], { permissions: MANAGE_GUILD });
      await expect.poll(() => app.shared.reindexing, { interval: 5 }).toBe(true);
      // A second moderator's reindex, while the first runs, joins it.
      const second = await discord.sendCommand("reindex", [], { permissions: MANAGE_GUILD });
      expect(second.edits[0].content).toMatch(/A reindex is already running/);
      const started = performance.now();
      const asks = Array.from({ length: CONCURRENT }, (_, i) =>
        discord.sendCommand("ask", [{ name: "question", value: QUESTIONS[i % QUESTIONS.length]! }], {
          userId: String(500000000000000000n + BigInt(i)),
        }),
      );
      const responses = await Promise.all(asks);
      const wall = performance.now() - started;
      const duringReindex = app.shared.reindexing;
      const report = await reindex;

      const latencies = responses.map((r) => r.acknowledgedAfter).sort((a, b) => a - b);
      const figures = {
        n: latencies.length,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: latencies.at(-1)!,
        wall,
      };
      console.log(
        `load: ${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v)])))} ms; all answered while the reindex ran: ${duringReindex}`,
      );

      expect(figures.max).toBeLessThan(ACKNOWLEDGE_WITHIN_MS);
      for (const r of responses) {
        // Answered at once, or deferred first (the answer threads' queue said it would come late) and then answered.
        expect([4, 5]).toContain(r.callback.type);
        const answer = finalMessage(r);
        expect(containersOf(answer).length > 0 || /articles/.test(messageText(answer))).toBe(true);
      }
      expect(JSON.stringify(report.edits.at(-1))).toMatch(/Reindexed/);
      await expect.poll(() => JSON.stringify(second.edits.at(-1)), { timeout: 10_000 }).toMatch(/joined the reindex already running/);
    } finally {
      await bot.stop();
      await discord.stop();
    }
  }, 60_000);
});
