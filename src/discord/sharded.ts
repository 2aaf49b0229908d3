import { fileURLToPath } from "node:url";
import { REST, Routes, ShardingManager } from "discord.js";
import { EditJournal } from "../app/editJournal.js";
import { openEngine } from "../build/open.js";
import { loadConfigOrExplain } from "../config.js";
import { isCorpusError } from "../corpus/errors.js";
import { summariseWarnings } from "../corpus/warnings.js";
import { runEntryPoint, stopSignal } from "../entryPoint.js";
import { createLogger } from "../log.js";

const BOT = fileURLToPath(new URL("../main.ts", import.meta.url));

/**
 * `npm run start:sharded`: brings the snapshot up to date once, then starts SHARD_COUNT shards (or
 * Discord's recommendation) with discord.js's ShardingManager. Each shard is `src/main.ts` in its own
 * process, reading that snapshot; Discord sends each guild's interactions to one shard only.
 */
async function main(): Promise<number> {
  const config = loadConfigOrExplain();
  if (!config) return 1;
  const logger = createLogger(config.logLevel);
  if (!config.discord) {
    process.stderr.write("DISCORD_TOKEN is not set: sharding needs a bot token. Use npm start for the local console.\n");
    return 1;
  }
  const { warnings } = await openEngine(config.folders);
  for (const w of summariseWarnings(warnings)) logger.warn(w);
  // The shared corpus's edits a stopped process left unreported, settled once before the shards start.
  for (const record of await new EditJournal(config.folders.dataDir, config.folders.corpusDir).recover().catch(() => []))
    logger.info("audit", { ...record });
  const { shardCount } = config;
  // With a count given, Discord's limits only pace the start: one login at a time if it cannot say.
  const gateway =
    shardCount === "auto"
      ? await gatewayLimits(config.discord.token, config.discord.apiUrl)
      : await gatewayLimits(config.discord.token, config.discord.apiUrl).catch(() => ({ shards: shardCount, maxConcurrency: 1 }));
  const totalShards = shardCount === "auto" ? gateway.shards : shardCount;
  const manager = new ShardingManager(BOT, {
    token: config.discord.token,
    totalShards,
    mode: "process",
    execArgv: ["--import", "tsx"],
    respawn: true,
  });
  manager.on("shardCreate", (shard) => logger.info("shard started", { shard: shard.id, of: totalShards }));
  // Discord takes one login every 5 s from each of max_concurrency buckets (shard id modulo it): shards
  // started 5.5 s / max_concurrency apart put the shards of one bucket 5.5 s apart, as discord.js's default
  // does for a bot of one bucket.
  await manager.spawn({ timeout: 120_000, delay: Math.ceil(IDENTIFY_SPACING_MS / gateway.maxConcurrency) });
  logger.info("all shards ready", { shards: totalShards });

  logger.info("stopping shards", { signal: await stopSignal() });
  manager.respawn = false;
  await Promise.all(
    [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((done) => {
          if (!shard.process) return done();
          shard.process.once("exit", () => done());
          shard.process.kill("SIGTERM");
        }),
    ),
  );
  logger.info("stopped");
  return 0;
}

/** discord.js's spacing of logins within one bucket: Discord's 5 s and a margin. */
const IDENTIFY_SPACING_MS = 5_500;

/**
 * Discord's recommended shard count and how many shards may log in at once, asked through
 * DISCORD_API_URL when it is set.
 */
async function gatewayLimits(token: string, apiUrl: string | null): Promise<{ shards: number; maxConcurrency: number }> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const { shards, session_start_limit } = (await rest.get(Routes.gatewayBot())) as {
    shards: number;
    session_start_limit?: { max_concurrency?: number };
  };
  const maxConcurrency = session_start_limit?.max_concurrency ?? 1;
  return { shards: Math.max(1, shards), maxConcurrency: Number.isInteger(maxConcurrency) && maxConcurrency > 0 ? maxConcurrency : 1 };
}

runEntryPoint(main, { name: "Citebot's shard manager", expected: { is: isCorpusError, say: "Citebot cannot start" } });
