import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { SlashCommand } from "./command.js";
import type { Parameter } from "./options.js";

/**
 * How a transport writes a command: Discord's `name:value` options; the console's `/name`, the text
 * after it and `--name value`; the command line's the same without the slash.
 */
export type Syntax = "discord" | "console" | "cli";

/**
 * How to type a command, drawn from its definition, one line a subcommand:
 * `/ask question:<question> [private]` on Discord, `/ask <question> [--private] [--limit <limit>]` in the console.
 */
export function usageOf(command: SlashCommand<never>, syntax: Syntax): string[] {
  // On Discord, a command offered only on messages is found on a message's menu.
  if (syntax === "discord" && command.localOnly && command.messageMenu) return [`Apps → ${command.messageMenu.name}`];
  const name = syntax === "cli" ? command.name : `/${command.name}`;
  if (command.subcommands) {
    return command.subcommands.map((sub) =>
      [`${name} ${sub.name}`, ...optionsUsage(offered(command, sub.parameters, syntax), syntax)].join(" "),
    );
  }
  return [[name, ...optionsUsage(offered(command, command.parameters, syntax), syntax)].join(" ")];
}

/**
 * The parameters a transport offers: Discord is never given the local ones; the console and the
 * command line, whose replies only their user sees, have no use for the option that makes a reply private.
 */
export function offered(command: SlashCommand<never>, parameters: readonly Parameter[], syntax: Syntax): Parameter[] {
  return parameters.filter((p) => (syntax === "discord" ? !p.localOnly : p.name !== command.privateOption));
}

/** In the console and on the command line, the first required option (else the first) is the text after the command. */
export function positionalOf(parameters: readonly Parameter[]): Parameter | undefined {
  return parameters.find((o) => o.required) ?? parameters[0];
}

function optionsUsage(options: readonly Parameter[], syntax: Syntax): string[] {
  const first = syntax === "discord" ? undefined : positionalOf(options);
  const ordered = first ? [first, ...options.filter((o) => o !== first)] : options;
  const flag = (o: Parameter) => (o.type === ApplicationCommandOptionType.Boolean ? `--${o.name}` : `--${o.name} <${o.name}>`);
  return ordered.map((o) => {
    const written = o === first ? `<${o.name}>` : syntax === "discord" ? (o.required ? `${o.name}:<${o.name}>` : o.name) : flag(o);
    return o.required ? written : `[${written}]`;
  });
}
