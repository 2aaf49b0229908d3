import { Client, Events, GatewayIntentBits, Routes } from "discord.js";
import { Agent } from "undici";
import type { Citebot } from "../app/citebot.js";
import { Cooldown } from "../app/cooldown.js";
import { ReportQueue } from "../app/reportQueue.js";
import { discordCommands, discordDefinitions } from "../commandKit/command.js";
import type { CommandRegistry } from "../commandKit/dispatch.js";
import type { DiscordSettings } from "../config.js";
import { DISCORD_CONNECTIONS, REPORT_POST_SPACING_MS, REPORTS_WAITING_PER_CHANNEL } from "../limits.js";
import type { Logger } from "../log.js";
import { handleInteraction, REPORT_EVERY_SECONDS } from "./interactions.js";
import { type Report, reportMessage } from "./reports.js";
import { syncCommands } from "./sync.js";

export interface BotOptions extends DiscordSettings {
  /** Long work shows progress in its reply once it has taken this long (default 3 s). */
  progressAfterMs?: number;
  /** Where the curator server's reports of a wrong speaker or quote go when it has not chosen a channel (MODERATION_CHANNEL_ID). */
  moderationChannelId?: string | null;
}

export interface RunningBot {
  client: Client;
  /** Stops taking interactions, lets those in flight finish, and disconnects. */
  stop(): Promise<void>;
}

/**
 * Logs in with the Guilds intent only, syncs the slash commands (writing only when they differ from
 * what Discord has), and answers interactions until stopped.
 */
export async function startBot(options: BotOptions, app: Citebot, allCommands: CommandRegistry, logger: Logger): Promise<RunningBot> {
  const commands = discordCommands(allCommands);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { ...(options.apiUrl ? { api: options.apiUrl } : {}), agent: new Agent({ connections: DISCORD_CONNECTIONS }) },
  });
  const inFlight = new Set<Promise<void>>();
  const commandIds = new Map<string, string>();
  const reports = new Cooldown(REPORT_EVERY_SECONDS);
  const reportQueue = new ReportQueue<Report>({
    post: (channelId, queued, dropped) => postIn(client, channelId, reportMessage(queued, dropped)),
    spacingMs: REPORT_POST_SPACING_MS,
    maxWaiting: REPORTS_WAITING_PER_CHANNEL,
    // The reports are in the audit log already: a channel that cannot be reached is for the server's moderators to fix.
    onError: (error, channelId) => logger.error("could not post reports in the moderators' channel", error, { channel: channelId }),
  });
  let accepting = true;
  client.on(Events.InteractionCreate, (interaction) => {
    const handled = handleInteraction(interaction, {
      app,
      commands,
      logger,
      accepting: () => accepting,
      progressAfterMs: options.progressAfterMs,
      commandIds,
      reports,
      reportQueue,
      moderationChannelId: options.moderationChannelId ?? null,
    });
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  client.on(Events.Error, (error) => logger.error("discord client error", error));
  client.on(Events.ShardDisconnect, (_event, shard) => logger.warn("disconnected from the gateway", { shard }));

  // The answer threads load the shared index while the bot logs in, so the first question does not wait for it.
  void app.answers.warm({ engine: app.shared.engine, dataDir: app.shared.folders.dataDir });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token);
  await ready;
  logger.info("logged in", { user: client.user?.tag, guilds: client.guilds.cache.size });

  const clientId = options.clientId ?? client.application?.id ?? client.user?.id;
  // With several shards, the first one registers the commands for all.
  const registers = !client.shard || client.shard.ids.includes(0);
  if (clientId && registers) {
    try {
      const definitions = discordDefinitions(commands);
      const result = await syncCommands({ ...options, clientId }, definitions);
      for (const [name, id] of result.ids) commandIds.set(name, id);
      logger.info(result.wrote ? "slash commands registered" : "slash commands already up to date", {
        scope: result.scope,
        added: result.added.join(",") || undefined,
        changed: result.changed.join(",") || undefined,
        removed: result.removed.join(",") || undefined,
      });
    } catch (error) {
      logger.error("could not sync slash commands; serving with those already registered", error);
    }
  }

  return {
    client,
    async stop() {
      accepting = false;
      await Promise.allSettled([...inFlight]);
      await Promise.race([reportQueue.idle(), new Promise((resolve) => setTimeout(resolve, REPORTS_DRAIN_MS).unref())]);
      await client.destroy();
    },
  };
}

/** At shutdown, reports still queued get this long to be posted (each is in the audit log already). */
const REPORTS_DRAIN_MS = 5_000;

/** A message in a channel by id; a channel that is gone or closed to the bot is a failure the caller logs. */
async function postIn(client: Client, channelId: string, content: string): Promise<void> {
  // Straight to the channel's messages: no lookup of the channel first (Discord says when it cannot be posted in).
  await client.rest.post(Routes.channelMessages(channelId), { body: { content, allowed_mentions: { parse: [] } } });
}
