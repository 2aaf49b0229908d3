import { defineCommand } from "../src/commandKit/command.js";
import { usageOf } from "../src/commandKit/usage.js";

/** /help: what Citebot does and how to use each command this transport offers, drawn from their definitions. */
export const help = defineCommand({
  name: "help",
  description: "How to use Citebot",
  help: "This list.",
  run(_options, { commands, syntax = "discord" }) {
    const shown = [...(commands?.values() ?? [])].filter((c) => c.name !== "help");
    return {
      kind: "help",
      ephemeral: true,
      commands: shown.map((c) => ({ usage: usageOf(c, syntax).join(" · "), description: c.help })),
    };
  },
});
