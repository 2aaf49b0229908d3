import { defineCommand } from "../src/commandKit/command.js";
import { usageOf } from "../src/commandKit/usage.js";

/** /help: what Citebot does and how to use each command this transport offers, drawn from their definitions. */
export const help = defineCommand({
  name: "help",
  description: "How to use Citebot",
  help: "This list.",
  run(_options, { commands, syntax = "discord", commandIds }) {
    const shown = [...(commands?.values() ?? [])].filter((c) => c.name !== "help");
    const mentionsOf = (name: string, subcommands: readonly { name: string }[] | undefined) => {
      const id = commandIds?.get(name);
      if (!id) return undefined;
      return subcommands ? subcommands.map((s) => `</${name} ${s.name}:${id}>`) : [`</${name}:${id}>`];
    };
    return {
      kind: "help",
      ephemeral: true,
      commands: shown.map((c) => {
        const mentions = c.localOnly ? undefined : mentionsOf(c.name, c.subcommands);
        return { usage: usageOf(c, syntax).join(" · "), description: c.help, ...(mentions ? { mentions } : {}) };
      }),
    };
  },
});
