import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { SlashCommand } from "../commandKit/command.js";
import type { CommandRegistry, RawOptions } from "../commandKit/dispatch.js";
import { optionValue, positionalValue, ServerArgumentError, serverOf } from "../commandKit/localValues.js";
import type { Parameter } from "../commandKit/options.js";
import { offered, positionalOf } from "../commandKit/usage.js";
import { UsageError } from "./usage.js";

/** A command line, read: help, or a command with its options as dispatch takes them. */
export type CliCall =
  | { kind: "help" }
  | {
      kind: "run";
      command: SlashCommand<never>;
      options: RawOptions;
      /** Print replies as JSON, one value a line. */
      json: boolean;
      /** With --json and no value for this option: one value a line from standard input, one reply a line out. */
      eachLine?: Parameter;
      /** `--server <id>`: act as in that server (its own articles besides the shared ones); null: the shared corpus. */
      server: string | null;
    };

/**
 * The command line in the console's syntax without the slash: `ask "<question>" --limit 3`,
 * `corpus add ./story.txt --title Floods`. The word after the command (and subcommand) is its first
 * required option; `--name value` (or `--name=value`) sets any other; `--json` asks for JSON. Anything
 * off is a UsageError saying what.
 */
export function parseArgv(argv: readonly string[], commands: CommandRegistry): CliCall {
  let server: string | null;
  let args: string[];
  try {
    ({ server, args } = serverOf(argv));
  } catch (error) {
    if (error instanceof ServerArgumentError) throw new UsageError(error.message);
    throw error;
  }
  const [name, ...rest] = args;
  if (name === undefined || ["help", "--help", "-h"].includes(name) || rest.some((a) => a === "--help" || a === "-h"))
    return { kind: "help" };
  let command = commands.get(name.toLowerCase());
  // A subcommand of one group alone may be typed as a command: `add <link>` is `corpus add <link>`.
  const groups = command ? [] : [...commands.values()].filter((c) => c.subcommands?.some((s) => s.name === name.toLowerCase()));
  if (groups.length === 1) {
    command = groups[0]!;
    rest.unshift(name);
  }
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const raw: RawOptions = {};
  let called = command.name;
  let parameters = command.parameters;
  if (command.subcommands) {
    const sub = command.subcommands.find((s) => s.name === rest[0]?.toLowerCase());
    if (!sub) throw new UsageError(`${command.name} needs one of: ${command.subcommands.map((s) => s.name).join(", ")}`);
    raw.subcommand = sub.name;
    called = `${command.name} ${sub.name}`;
    parameters = sub.parameters;
    rest.shift();
  }
  parameters = offered(command, parameters, "cli");
  let json = false;
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    const flag = token.match(/^--([a-z][a-z_-]*)(?:=([\s\S]*))?$/i);
    if (!flag) {
      positionals.push(token);
      continue;
    }
    const [, flagName, inline] = flag;
    if (flagName === "json" && inline === undefined) {
      json = true;
      continue;
    }
    const parameter = parameters.find((p) => p.name === flagName!.toLowerCase());
    if (!parameter) throw new UsageError(`${called} has no option --${flagName}`);
    const takesValue = parameter.type !== ApplicationCommandOptionType.Boolean;
    const value = inline ?? (takesValue ? rest[++i] : "");
    if (value === undefined) throw new UsageError(`--${parameter.name} needs a value`);
    raw[parameter.name] = optionValue(parameter, value);
  }
  const first = positionalOf(parameters);
  if (positionals.length > 0 && !first) throw new UsageError(`${called} takes no arguments (got "${positionals[0]}")`);
  if (positionals.length > 1)
    throw new UsageError(`${called} takes one ${first!.name}: put it in quotes, e.g. ${called} "${positionals.join(" ")}"`);
  if (first && positionals.length === 1) {
    const [option, value] = positionalValue(first, parameters, positionals[0]!);
    raw[option] = value;
  }
  const eachLine = json && first?.required && raw[first.name] === undefined ? first : undefined;
  return { kind: "run", command, options: raw, json, server, ...(eachLine ? { eachLine } : {}) };
}
