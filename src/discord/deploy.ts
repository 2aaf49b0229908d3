import { ApplicationCommandType } from "discord-api-types/v10";
import { commands } from "../../commands/index.js";
import { discordDefinitions } from "../commandKit/command.js";
import { loadConfigOrExplain } from "../config.js";
import { runEntryPoint } from "../entryPoint.js";
import { applicationIdOf, syncCommands } from "./sync.js";

/**
 * `npm run deploy-commands`: registers the slash commands, in DISCORD_GUILD_ID when set (instant) or
 * globally, and prints what changed. `--force` writes even when nothing differs.
 */
async function main(): Promise<number> {
  const config = loadConfigOrExplain();
  if (!config) return 1;
  if (!config.discord) {
    process.stderr.write("DISCORD_TOKEN is not set: there is no application to register commands for. See .env.example.\n");
    return 1;
  }
  const { token, apiUrl } = config.discord;
  const clientId = config.discord.clientId ?? (await applicationIdOf(token, apiUrl));
  const definitions = discordDefinitions(commands);
  const result = await syncCommands({ ...config.discord, clientId }, definitions, { force: process.argv.includes("--force") });
  // A slash command as typed; an entry of messages' Apps menu by its name.
  const menus = new Set(definitions.filter((d) => d.type === ApplicationCommandType.Message).map((d) => d.name));
  const label = (name: string) => (menus.has(name) ? `"${name}" (on messages)` : `/${name}`);
  const list = (names: string[]) => (names.length > 0 ? names.map(label).join(", ") : "none");
  process.stdout.write(
    `Slash commands (${result.scope}): ${result.wrote ? "registered" : "already up to date, nothing written"}.\n` +
      `  added: ${list(result.added)}\n  changed: ${list(result.changed)}\n  removed: ${list(result.removed)}\n  unchanged: ${list(result.unchanged)}\n`,
  );
  return 0;
}

runEntryPoint(main, { name: "deploy-commands", failure: "Could not register the commands" });
