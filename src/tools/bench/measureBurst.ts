import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { FakeDiscord, type InteractionResponse, MANAGE_GUILD, TOKEN } from "../../../test/support/fakeDiscord.js";
import { onLoopback } from "../../../test/support/pages.js";
import { runEntryPoint } from "../../entryPoint.js";
import { summarise } from "./latency.js";
import { benchQueries, syntheticArticles } from "./syntheticCorpus.js";

/**
 * A crowd and a hostile page, against the bot as `npm start` runs it (its own process, the default
 * configuration), through the real discord.js client and the loopback Discord in this process, as
 * Discord would see it:
 *   burst    N people in one server asking /ask at the same moment
 *   hostile  a moderator adding a page nested 1,200 deep (16 KB), while 200 people in another server ask
 * For each: when every interaction was acknowledged (Discord allows 3 s), how many were deferred first,
 * when the last was answered; and meanwhile, how soon a click on a passage's More context from a
 * third server was answered (a click every 100 ms), which shows whether the bot's event loop was free.
 *   measureBurst.ts <people> <dir>        prints one JSON line
 */
const [peopleArg, dir] = process.argv.slice(2);
const people = Number(peopleArg);
const PASSAGES = 10_000;
const CROWD = "700000000000000001";
const ELSEWHERE = "700000000000000002";
const MODERATED = "700000000000000003";
const CLICKING = "700000000000000004";
const BOT = path.resolve("src/main.ts");

async function main(): Promise<number> {
  const folders = { corpusDir: path.join(dir!, "corpus"), dataDir: path.join(dir!, "data") };
  await mkdir(folders.corpusDir, { recursive: true });
  const { articles, vocabulary } = syntheticArticles(PASSAGES);
  for (const a of articles) await writeFile(path.join(folders.corpusDir, a.file), a.text);
  const { questions } = benchQueries(people + 300, vocabulary);
  const pages = await hostilePages();
  const discord = await FakeDiscord.start({ guilds: [CROWD, ELSEWHERE, MODERATED, CLICKING] });
  discord.answerTimeoutMs = 15 * 60_000;
  const bot = spawn(process.execPath, ["--import", "tsx", BOT], {
    env: {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      CORPUS_DIR: folders.corpusDir,
      DATA_DIR: folders.dataDir,
      URL_ALLOWED_PRIVATE_HOSTS: pages.host,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let log = "";
  bot.stderr.on("data", (chunk) => (log += String(chunk)));
  try {
    await until(
      () => discord.registeredCommands("global").length > 0,
      120_000,
      () => `the bot did not start: ${log}`,
    );
    const ask = (guildId: string, i: number) =>
      discord.sendCommand("ask", [{ name: "question", value: questions[i % questions.length]! }], {
        guildId,
        userId: String(800_000_000_000_000_000n + BigInt(i)),
      });
    // Warm: the answer thread has loaded the index, and a passage to click on.
    const warm = await ask(ELSEWHERE, people + 1);
    const passage = JSON.stringify(warm.message).match(/cb1:ctx:([^"]+)/)?.[1] ?? "";
    const burst = await whileClicking(discord, passage, () => timed(Array.from({ length: people }, (_, i) => ask(CROWD, i))));
    const hostile = await whileClicking(discord, passage, async () => {
      const started = performance.now();
      const adding = discord
        .subcommand("corpus", "add", [{ name: "url", value: `${pages.base}/nested/1200` }], {
          guildId: MODERATED,
          permissions: MANAGE_GUILD,
        })
        .then((r) => ({ ms: performance.now() - started, reply: JSON.stringify(r.message).slice(0, 240) }));
      // The questions come once the page is in, being read.
      await pages.served;
      await new Promise((resolve) => setTimeout(resolve, 50));
      const asks = await timed(Array.from({ length: 200 }, (_, i) => ask(ELSEWHERE, people + 10 + i)));
      return { page: await adding, asks };
    });
    process.stdout.write(`${JSON.stringify({ people, passages: PASSAGES, burst, hostile })}\n`);
  } finally {
    try {
      process.kill(-bot.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
    await discord.stop();
    await pages.stop();
  }
  return 0;
}

/** Runs `work` while a third server clicks More context every 100 ms; how soon those clicks were answered. */
async function whileClicking<T extends object>(discord: FakeDiscord, passage: string, work: () => Promise<T>) {
  const clicks: Promise<InteractionResponse>[] = [];
  let n = 0;
  const timer = setInterval(
    () => clicks.push(discord.click(`cb1:ctx:${passage}`, { guildId: CLICKING, userId: String(900_000_000_000_000_000n + BigInt(n++)) })),
    100,
  );
  try {
    const result = await work();
    clearInterval(timer);
    const answered = (await Promise.all(clicks)).map((r) => r.acknowledgedAfter);
    return { ...result, clicksElsewhere: { n: answered.length, ...summarise(answered), max: Math.max(...answered) } };
  } finally {
    clearInterval(timer);
  }
}

/** When each interaction was acknowledged and answered, from when all were sent at once. */
async function timed(sent: Promise<InteractionResponse>[]) {
  const started = performance.now();
  const answeredAt: number[] = [];
  const answered = (r: InteractionResponse) => {
    answeredAt.push(performance.now() - started);
    return r;
  };
  const responses = await Promise.all(sent.map((p) => p.then(answered)));
  const acknowledged = responses.map((r) => r.acknowledgedAfter);
  return {
    n: responses.length,
    acknowledgedMs: { ...summarise(acknowledged), max: Math.max(...acknowledged) },
    withinThreeSeconds: acknowledged.filter((ms) => ms < 3_000).length,
    deferred: responses.filter((r) => r.callback.type === 5).length,
    answered: responses.filter((r) => /"type":17|articles|Citebot/.test(JSON.stringify(r.message))).length,
    lastAnsweredMs: Math.max(...answeredAt),
  };
}

async function until(done: () => boolean, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(why());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A local web server with a page nested 1,200 deep, a word at every level (16 KB): readability took 20 s over one 1,000 deep. */
async function hostilePages() {
  let servedOne!: () => void;
  const served = new Promise<void>((resolve) => {
    servedOne = resolve;
  });
  const server = createServer((request, response) => {
    response.on("finish", () => servedOne());
    const depth = Number(request.url?.match(/^\/nested\/(\d+)$/)?.[1] ?? 0);
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<html><body>${"<div>a ".repeat(depth)}${"</div>".repeat(depth)}</body></html>`);
  });
  return { ...(await onLoopback(server)), served };
}

runEntryPoint(main, { name: "bench burst" });
