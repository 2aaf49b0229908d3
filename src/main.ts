import { commands } from "../commands/index.js";
import { Citebot } from "./app/citebot.js";
import { openEngine, openEngineReadOnly } from "./build/open.js";
import { ServerArgumentError, serverOf } from "./commandKit/localValues.js";
import { loadConfigOrExplain } from "./config.js";
import { startConsole } from "./console/start.js";
import { isCorpusError } from "./corpus/errors.js";
import { summariseWarnings } from "./corpus/warnings.js";
import { runEntryPoint, stopSignal } from "./entryPoint.js";
import { createLogger, type Logger } from "./log.js";

/**
 * `npm start`: with DISCORD_TOKEN, the Discord bot; without, the local console. Either way the same
 * commands over the same engine.
 */
async function main(): Promise<number> {
  const config = loadConfigOrExplain();
  if (!config) return 1;
  const logger = createLogger(config.logLevel);
  watchForStrayErrors(logger);

  // A shard (started by npm run start:sharded) reads the snapshot its manager keeps up to date.
  const shard = process.env.SHARDING_MANAGER === "true";
  // discord.js's Client takes SHARDS and SHARD_COUNT from the environment, where its ShardingManager
  // puts them for each shard. Plain npm start is the whole bot, one shard, whatever .env says about
  // sharding (SHARD_COUNT=auto there is for npm run start:sharded).
  if (!shard) {
    delete process.env.SHARDS;
    delete process.env.SHARD_COUNT;
  }
  const opened = shard ? await openEngineReadOnly(config.folders) : await openEngine(config.folders);
  for (const w of summariseWarnings(opened.warnings)) logger.warn(w);
  const app = new Citebot(opened.engine, config.folders, {
    moderatorRoleIds: config.moderatorRoleIds,
    askCooldownSeconds: config.askCooldownSeconds,
    curatorGuildId: config.curatorGuildId,
    serverIndexBudgetBytes: config.serverIndexBudgetBytes,
    allowedPrivateHosts: config.allowedPrivateHosts,
    // The console answers one person: its answers need no thread of their own.
    quotas: config.discord ? config.quotas : { ...config.quotas, answerThreads: 0 },
    onServerWarnings: (guild, warnings) => {
      for (const w of summariseWarnings(warnings)) logger.warn(w, { guild });
    },
    onRecoveredEdits: (records) => {
      for (const r of records) logger.info("audit", { ...r });
    },
    onSettingsProblem: (guild, problem) => logger.warn(problem, { guild }),
  });
  // The shared corpus's edits left unreported are settled once: by the sharding manager when there is one.
  if (!shard) await app.recoverEdits();
  const { articles, passages } = app.engine.stats();
  logger.info("index ready", { articles, passages, from: opened.fromSnapshot ? "snapshot" : "corpus" });

  if (!config.discord) {
    let server: string | null;
    try {
      server = serverOf(process.argv.slice(2)).server;
    } catch (error) {
      if (!(error instanceof ServerArgumentError)) throw error;
      process.stderr.write(`Citebot: ${error.message}, e.g. npm start -- --server 222222222222222222\n`);
      return 2;
    }
    await startConsole(
      app,
      logger,
      "This is the local console: no DISCORD_TOKEN is configured. Set one in .env (see .env.example) to connect to Discord.",
      server,
    );
    await app.close();
    return 0;
  }
  const unfollow = shard
    ? app.shared.followSnapshot(
        (engine) => logger.info("loaded the snapshot another shard saved", { passages: engine.stats().passages }),
        (error) => logger.error("could not follow the snapshot", error),
      )
    : () => {};
  // discord.js is loaded only when there is a bot to run: the console starts without it.
  const { startBot } = await import("./discord/bot.js");
  const bot = await startBot({ ...config.discord, moderationChannelId: config.moderationChannelId }, app, commands, logger);
  logger.info("shutting down", { signal: await stopSignal() });
  unfollow();
  await bot.stop();
  await app.close();
  logger.info("stopped");
  return 0;
}

/** An error that escapes every handler is logged, never fatal: the bot keeps serving. */
function watchForStrayErrors(logger: Logger): void {
  process.on("unhandledRejection", (reason) => logger.error("unhandled rejection", reason));
  process.on("uncaughtException", (error) => logger.error("uncaught exception", error));
}

// The console stops reading when its reader goes away (`| head -1`); the bot writes nothing to stdout.
runEntryPoint(main, { name: "Citebot", whenReaderGoes: "continue", expected: { is: isCorpusError, say: "Citebot cannot start" } });
