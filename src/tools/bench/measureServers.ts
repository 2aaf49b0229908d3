import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { commands } from "../../../commands/index.js";
import { Citebot } from "../../app/citebot.js";
import { serverFolders } from "../../app/serverCorpora.js";
import { openEngine } from "../../build/open.js";
import { dispatch } from "../../commandKit/dispatch.js";
import { readCorpusFolder } from "../../corpus/folder.js";
import { runEntryPoint } from "../../entryPoint.js";
import { buildLibrary } from "../../library/build.js";
import { corpusFingerprint } from "../../store/fingerprint.js";
import { pipelineVersion } from "../../store/pipelineVersion.js";
import { saveSnapshot } from "../../store/snapshot.js";
import { type Latency, summarise } from "./latency.js";
import { benchQueries, syntheticArticles } from "./syntheticCorpus.js";

/**
 * Many servers, each with its own articles, in a process per phase (bench/main runs them):
 *   build <servers> <articles> <dir>   a shared corpus, and each server's articles and snapshot
 *   serve <servers> <articles> <dir>   start as the bot does; /ask in servers whose index is cold
 *                                      (loaded by that question) and warm; then every server asked once
 * Prints one JSON line.
 */
const [phase, serversArg, articlesArg, dir] = process.argv.slice(2);
const servers = Number(serversArg);
const articlesPerServer = Number(articlesArg);
/** Sentences a synthetic article has on average (10 to 40). */
const SENTENCES_PER_ARTICLE = 25;
const SHARED_PASSAGES = 10_000;
const SAMPLED = 200;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const guildOf = (i: number) => String(100_000_000_000_000_000n + BigInt(i));
const shared = () => ({ corpusDir: path.join(dir!, "corpus"), dataDir: dir! });

async function build(): Promise<object> {
  const started = performance.now();
  const sharedArticles = syntheticArticles(SHARED_PASSAGES).articles;
  await mkdir(shared().corpusDir, { recursive: true });
  for (const a of sharedArticles) await writeFile(path.join(shared().corpusDir, a.file), a.text);
  await openEngine(shared());
  let passages = 0;
  let snapshotBytes = 0;
  for (let i = 0; i < servers; i++) {
    const folders = serverFolders(dir!, guildOf(i));
    const { articles } = syntheticArticles(articlesPerServer * SENTENCES_PER_ARTICLE, 1_000 + i);
    await mkdir(folders.corpusDir, { recursive: true });
    for (const a of articles) await writeFile(path.join(folders.corpusDir, a.file.replace("bench_", `s${i}_`)), a.text);
    const library = buildLibrary(articles.map((a) => ({ ...a, id: a.id.replace("bench_", `s${i}_`) })));
    const fingerprint = corpusFingerprint(await readCorpusFolder(folders.corpusDir), pipelineVersion());
    await saveSnapshot(folders.dataDir, { library, fingerprint, builtAt: new Date().toISOString() });
    passages += library.passages.length;
    // The index and its word vectors, each server's.
    for (const name of await readdir(folders.dataDir))
      if (name.endsWith(".snapshot")) snapshotBytes += (await stat(path.join(folders.dataDir, name))).size;
    if (i % 100 === 99) process.stderr.write(`  built ${i + 1} of ${servers} servers\n`);
  }
  return {
    servers,
    articlesPerServer,
    serverPassages: passages,
    serverSnapshotBytes: snapshotBytes,
    buildAllMs: performance.now() - started,
  };
}

async function serve(): Promise<object> {
  const { questions } = benchQueries(
    SAMPLED,
    syntheticArticles(articlesPerServer * SENTENCES_PER_ARTICLE, 1_000, { vocabularyOnly: true }).vocabulary,
  );
  const started = performance.now();
  const opened = await openEngine(shared());
  if (!opened.fromSnapshot) throw new Error("the shared snapshot was not used");
  const app = new Citebot(opened.engine, shared());
  const startupMs = performance.now() - started;
  const startupRssBytes = process.memoryUsage().rss;
  const ask = (i: number, question: string) =>
    dispatch(commands, "ask", { question }, { app, caller: { id: "bench", guildId: guildOf(i), roleIds: [], canManageGuild: false } });
  // Servers spread over all of them; each asked first cold (its index loaded by the question), then warm.
  const sampled = Array.from({ length: Math.min(SAMPLED, servers) }, (_, k) => Math.floor((k * servers) / Math.min(SAMPLED, servers)));
  const time = async (run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    return performance.now() - t;
  };
  const cold: number[] = [];
  const warm: number[] = [];
  for (const [k, i] of sampled.entries()) cold.push(await time(() => ask(i, questions[k % questions.length]!)));
  for (const [k, i] of sampled.entries()) warm.push(await time(() => ask(i, questions[(k + 1) % questions.length]!)));
  // Then every server once, as a bot in all of them would be asked over a day.
  const everyStarted = performance.now();
  for (let i = 0; i < servers; i++) await ask(i, questions[i % questions.length]!);
  const everyServerMs = performance.now() - everyStarted;
  const { servers: inMemory, bytes } = app.servers.usage;
  return {
    startupMs,
    startupRssBytes,
    cold: summarise(cold) as Latency,
    warm: summarise(warm) as Latency,
    everyServerMs,
    serversInMemory: inMemory,
    reckonedBytes: bytes,
    peakRssBytes: peakRss(),
  };
}

runEntryPoint(
  async () => {
    const result = phase === "build" ? await build() : phase === "serve" ? await serve() : null;
    if (!result) throw new Error(`unknown phase ${phase}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  },
  { name: "bench servers", failure: "bench servers failed" },
);
