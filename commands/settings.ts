import type { ServerSettings } from "../src/app/serverSettings.js";
import { defineCommandGroup } from "../src/commandKit/command.js";
import { channel, flag } from "../src/commandKit/options.js";
import { notice } from "../src/commandKit/reply.js";
import { command, prose } from "../src/prose.js";

/** /settings show | reports | answers (moderators): this server's own settings, kept with its articles. */
export const settings = defineCommandGroup({
  name: "settings",
  description: "Moderators: where reports go, and whether answers are private, in this server",
  subcommands: {
    show: { description: "Show this server's settings", options: {} },
    reports: {
      description: "Post reports of a wrong speaker or quote in a channel (none: the bot's log only)",
      options: { channel: channel({ description: "Where reports about this server's answers go; leave out to stop posting them" }) },
    },
    answers: {
      description: "Whether answers are seen only by whoever asked, unless they choose otherwise",
      options: { private: flag({ description: "True: answers are private unless asked with private:False" }) },
    },
  },
  help: "Moderators: this server's own settings: the channel where reports of a wrong speaker or quote about its answers are posted, and whether its answers are private unless asked otherwise.",
  moderatorsOnly: {
    refusal: "Only moderators can change this server's settings: you need the Manage Server permission or a moderator role.",
  },
  ephemeralByDefault: true,
  async run(options, { app, caller, audit }) {
    if (caller.guildId === null)
      return notice(
        "error",
        prose`Settings belong to a server: give its id, ${command({ name: "settings", subcommand: options.subcommand, options: { server: "<id>" } })}.`,
      );
    let change: Partial<ServerSettings> = {};
    if (options.subcommand === "reports") change = { reportsChannelId: options.channel ?? null };
    if (options.subcommand === "answers") change = { privateAnswers: options.private === true };
    const changed = Object.keys(change) as (keyof ServerSettings)[];
    const now = changed.length > 0 ? await app.settings.set(caller.guildId, change) : await app.settings.get(caller.guildId);
    if (changed.length > 0)
      audit?.({ action: `settings ${options.subcommand}`, result: changed.map((k) => `${k}=${String(now[k] ?? "none")}`).join(" ") });
    return { kind: "settings", settings: now, changed, ephemeral: true };
  },
});
