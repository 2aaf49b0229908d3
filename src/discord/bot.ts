import { Client, Events, GatewayIntentBits } from "discord.js";
import type { Citebot } from "../app/citebot.js";
import { Cooldown } from "../app/cooldown.js";
import { discordCommands, discordDefinitions } from "../commandKit/command.js";
import type { CommandRegistry } from "../commandKit/dispatch.js";
import type { DiscordSettings } from "../config.js";
import type { Logger } from "../log.js";
import { handleInteraction, REPORT_EVERY_SECONDS } from "./interactions.js";
import { syncCommands } from "./sync.js";

export interface BotOptions extends DiscordSettings {
  /** Long work shows progress in its reply once it has taken this long (default 3 s). */
  progressAfterMs?: number;
  /** Where reports of a wrong speaker or quote are posted for the moderators. */
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
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
  const inFlight = new Set<Promise<void>>();
  const commandIds = new Map<string, string>();
  const reports = new Cooldown(REPORT_EVERY_SECONDS);
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
      ...(options.moderationChannelId ? { notifyModerators: (text: string) => postIn(client, options.moderationChannelId!, text) } : {}),
    });
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  client.on(Events.Error, (error) => logger.error("discord client error", error));
  client.on(Events.ShardDisconnect, (_event, shard) => logger.warn("disconnected from the gateway", { shard }));

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
      await client.destroy();
    },
  };
}

/** A message in a channel by id; a channel that is gone or closed to the bot is a logged failure of the caller. */
async function postIn(client: Client, channelId: string, content: string): Promise<void> {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new Error(`cannot post in channel ${channelId}`);
  await channel.send({ content, allowedMentions: { parse: [] } });
}
