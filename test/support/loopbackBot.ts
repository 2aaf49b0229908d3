import { commands as shipped } from "../../commands/index.js";
import type { Citebot } from "../../src/app/citebot.js";
import type { CommandRegistry } from "../../src/commandKit/dispatch.js";
import { type BotOptions, type RunningBot, startBot } from "../../src/discord/bot.js";
import { createLogger } from "../../src/log.js";
import { FakeDiscord, GUILD_ID, TOKEN } from "./fakeDiscord.js";

export interface LoopbackBot {
  discord: FakeDiscord;
  bot: RunningBot;
  stop(): Promise<void>;
}

/**
 * Citebot as the end-to-end tests run it: the real discord.js client logged in to a loopback Discord,
 * every command (or those given), its log lines pushed to `log`. Commands are registered in GUILD_ID unless said.
 */
export async function startLoopbackBot(
  app: Citebot,
  log: string[],
  { guilds, bot: options = {}, commands = shipped }: { guilds?: string[]; bot?: Partial<BotOptions>; commands?: CommandRegistry } = {},
): Promise<LoopbackBot> {
  const discord = await FakeDiscord.start(guilds ? { guilds } : {});
  const bot = await startBot(
    { token: TOKEN, clientId: null, guildId: GUILD_ID, apiUrl: discord.apiUrl, ...options },
    app,
    commands,
    createLogger("info", (l) => log.push(l)),
  );
  return {
    discord,
    bot,
    async stop() {
      await bot.stop();
      await app.close();
      await discord.stop();
    },
  };
}
