import { commands } from "../../commands/index.js";
import { loadConfigOrExplain } from "../config.js";
import { applicationIdOf, syncCommands } from "./sync.js";

/**
 * `npm run deploy-commands`: registers the slash commands, in DISCORD_GUILD_ID when set (instant) or
 * globally, and prints what changed. `--force` writes even when nothing differs.
 */
async function main(): Promise<number> {
  const config = loadConfigOrExplain();
  if (!config) return 1;
  if (!config.discord) {
    console.error("DISCORD_TOKEN is not set: there is no application to register commands for. See .env.example.");
    return 1;
  }
  const { token, guildId, apiUrl } = config.discord;
  const clientId = config.discord.clientId ?? (await applicationIdOf(token, apiUrl));
  const definitions = [...commands.values()].map((c) => c.definition);
  const result = await syncCommands({ token, clientId, guildId, apiUrl }, definitions, { force: process.argv.includes("--force") });
  const list = (names: string[]) => (names.length > 0 ? names.map((n) => `/${n}`).join(", ") : "none");
  console.log(`Slash commands (${result.scope}): ${result.wrote ? "registered" : "already up to date, nothing written"}.`);
  console.log(`  added: ${list(result.added)}\n  changed: ${list(result.changed)}\n  removed: ${list(result.removed)}\n  unchanged: ${list(result.unchanged)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Could not register the commands: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
