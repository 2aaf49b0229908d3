import type { Citebot } from "../app/citebot.js";
import type { Upload } from "../app/upload.js";
import { command as commandHint, ProseError, prose } from "../prose.js";
import { type Caller, isModerator } from "./caller.js";
import type { Choice, CommandContext, SlashCommand } from "./command.js";
import { optionProblem, schemaProblem } from "./options.js";
import { notice, type Reply } from "./reply.js";

export type CommandRegistry = ReadonlyMap<string, SlashCommand<never>>;

/** Raw option values as a transport delivers them, by option name (`subcommand` names a subcommand). */
export type RawOptions = Record<string, string | number | boolean | Upload | undefined>;

/**
 * Runs a command for any transport: options checked with the command's schema (a clear notice when
 * they are off), the handler run, and any failure turned into an apology. Never throws.
 */
export async function dispatch(
  commands: CommandRegistry,
  name: string,
  raw: RawOptions,
  context: CommandContext,
  onError: (error: unknown) => void = () => {},
): Promise<Reply> {
  const command = commands.get(name);
  if (!command) return notice("error", prose`There is no ${`/${name}`} command. Try ${commandHint({ name: "help" })}.`);
  const given = (context.syntax ?? "discord") === "discord" ? withoutLocalOptions(command, raw) : raw;
  const wrong = optionProblem(name, command, given);
  if (wrong) return notice("error", wrong, { misused: true });
  const parsed = command.schema.safeParse(given);
  if (!parsed.success) return notice("error", schemaProblem(parsed.error), { misused: true });
  const { app, caller } = context;
  if (command.moderatorsOnly && !isModerator(caller, app.moderatorRoleIds)) {
    const action = typeof raw.subcommand === "string" ? `${name} ${raw.subcommand}` : name;
    context.audit?.({ action, result: "refused: not a moderator" });
    return notice("refusal", command.moderatorsOnly.refusal);
  }
  const wait = command.cooldown && !caller.unthrottled ? app.askCooldown.take(caller.id) : 0;
  if (wait > 0) return notice("info", `${command.cooldown!.notice}: try again in ${wait} s.`);
  try {
    return await command.run(parsed.data, { commands, ...context });
  } catch (error) {
    // A refusal the user can act on (a queue full, a quota reached) is a notice, not an apology.
    if (error instanceof ProseError) return notice("info", error.prose);
    onError(error);
    return notice("error", "Sorry, something went wrong while answering that. It has been logged; please try again.");
  }
}

/** Options only local transports offer are never taken from Discord (a crafted interaction). */
function withoutLocalOptions(command: SlashCommand<never>, raw: RawOptions): RawOptions {
  const parameters = command.subcommands?.find((s) => s.name === raw.subcommand)?.parameters ?? command.parameters;
  const local = new Set(parameters.filter((p) => p.localOnly).map((p) => p.name));
  return local.size === 0 ? raw : Object.fromEntries(Object.entries(raw).filter(([name]) => !local.has(name)));
}

/** Autocomplete choices for a command's focused option; none when anything is off. */
export async function suggest(
  commands: CommandRegistry,
  name: string,
  focused: { name: string; value: string },
  context: { app: Citebot; caller: Caller },
  onError: (error: unknown) => void = () => {},
): Promise<Choice[]> {
  try {
    return (await commands.get(name)?.autocomplete?.(focused, context)) ?? [];
  } catch (error) {
    onError(error);
    return [];
  }
}
