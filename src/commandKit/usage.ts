import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { SlashCommand } from "./command.js";

/** How a transport writes a command: Discord's `name:value` options, or the console's text and `--name value`. */
export type Syntax = "discord" | "console";

type OptionDefinition = { type: number; name: string; required?: boolean; options?: OptionDefinition[] };

/**
 * How to type a command, drawn from its definition, one line a subcommand:
 * `/ask question:<question> [private]` on Discord, `/ask <question> [--private]` in the console.
 */
export function usageOf(command: SlashCommand<never>, syntax: Syntax): string[] {
  const { name } = command.definition;
  const options = (command.definition.options ?? []) as OptionDefinition[];
  if (options[0]?.type === ApplicationCommandOptionType.Subcommand) {
    return options.map((sub) => [`/${name} ${sub.name}`, ...optionsUsage(sub.options ?? [], syntax)].join(" "));
  }
  return [[`/${name}`, ...optionsUsage(options, syntax)].join(" ")];
}

function optionsUsage(options: readonly OptionDefinition[], syntax: Syntax): string[] {
  // In the console, the first required option (else the first) is the text after the command.
  const first = syntax === "console" ? (options.find((o) => o.required) ?? options[0]) : undefined;
  const ordered = first ? [first, ...options.filter((o) => o !== first)] : options;
  const flag = (o: OptionDefinition) => (o.type === ApplicationCommandOptionType.Boolean ? `--${o.name}` : `--${o.name} <${o.name}>`);
  return ordered.map((o) => {
    const written = o === first ? `<${o.name}>` : syntax === "console" ? flag(o) : o.required ? `${o.name}:<${o.name}>` : o.name;
    return o.required ? written : `[${written}]`;
  });
}
