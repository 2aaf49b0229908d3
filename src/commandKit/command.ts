import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { z } from "zod";
import type { Citebot } from "../app/citebot.js";
import type { Caller } from "./caller.js";
import type { Reply } from "./reply.js";
import type { Syntax } from "./usage.js";

export interface AuditEntry {
  action: string;
  target?: string;
  result: string;
  /** Where a removed or replaced article was kept. */
  trash?: string;
}

export interface CommandContext {
  app: Citebot;
  caller: Caller;
  /** The commands this transport offers, as dispatch was given them (what /help lists). */
  commands?: ReadonlyMap<string, SlashCommand<never>>;
  /** How this transport writes a command (the usage /help shows); Discord's when not said. */
  syntax?: Syntax;
  /** Records a moderator action (who, where, what, result) in the audit log. */
  audit?: (entry: AuditEntry) => void;
  /**
   * Says how far long work is, while it runs: the transport shows it in place of the reply to come
   * (Discord edits the deferred reply once the work has taken a few seconds). `now` shows it at once.
   */
  progress?: (text: string, options?: { now?: boolean }) => void;
  /** Details for the bot's log that do not fit a reply (every problem of a failed reindex). */
  log?: (message: string, fields: Record<string, string>) => void;
}

/** An autocomplete choice: Discord shows `name`, sends back `value`. */
export interface Choice {
  name: string;
  value: string;
}

/**
 * A slash command written once: its definition (Discord's JSON, plain data), the schema its options
 * are checked with, and a handler that returns a Reply for any transport to render.
 */
export interface SlashCommand<Options = unknown> {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  options: z.ZodType<Options>;
  // What dispatch enforces and transports read, declared rather than coded in each handler (as
  // Sapphire's preconditions are):
  /** Only moderators may run it; others read `refusal`, and the refusal is audited. */
  moderatorsOnly?: { refusal: string };
  /** Each caller waits the app's cooldown between uses; one who comes back too soon reads `notice` and the wait. */
  cooldown?: { notice: string };
  /** The boolean option that makes the reply visible only to the caller. */
  privateOption?: string;
  /** What /help says of it, at more length than Discord's description allows. */
  help: string;
  /** Offered by the console and the command line only, never registered on Discord. */
  localOnly?: boolean;
  /** Slow commands (a reindex) are acknowledged first and answered when done. */
  slow?: boolean;
  /** Whether the reply should be visible only to the caller even before options are read. */
  ephemeralByDefault?: boolean;
  run(options: Options, context: CommandContext): Reply | Promise<Reply>;
  autocomplete?(focused: { name: string; value: string }, context: CommandContext): Choice[];
}

/** Keeps a command's options type tied to its schema. */
export function defineCommand<Options>(command: SlashCommand<Options>): SlashCommand<Options> {
  return command;
}

/** The commands Discord is given: all but the local ones. */
export function discordCommands<C extends SlashCommand<never>>(commands: ReadonlyMap<string, C>): ReadonlyMap<string, C> {
  return new Map([...commands].filter(([, c]) => !c.localOnly));
}
