import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { z } from "zod";
import type { Citebot } from "../app/citebot.js";
import type { Caller } from "./caller.js";
import { type OptionSpecs, type OptionsOf, type Parameter, parametersOf, schemaOf } from "./options.js";
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
  /** Discord's id for each slash command, once registered: /help mentions them so they can be clicked. */
  commandIds?: ReadonlyMap<string, string>;
  /** Records a moderator action (who, where, what, result) in the audit log. */
  audit?: (entry: AuditEntry) => void;
  /**
   * Says how far long work is, while it runs: the transport shows it in place of the reply to come
   * (Discord edits the deferred reply once the work has taken a few seconds). `now` shows it at once.
   */
  progress?: (text: string, options?: { now?: boolean }) => void;
  /** Details for the bot's log that do not fit a reply (every problem of a failed reindex). */
  log?: (message: string, fields: Record<string, string>) => void;
  /**
   * Told how long the reply is reckoned to take, once work has been queued for it: a transport that
   * must acknowledge quickly (Discord) does so first when that is long.
   */
  replyExpectedIn?: (milliseconds: number) => void;
}

/** An autocomplete choice: Discord shows `name`, sends back `value`. */
export interface Choice {
  name: string;
  value: string;
}

/** What dispatch enforces and transports read, declared rather than coded in each handler (as Sapphire's preconditions are). */
interface Declared<Options> {
  /** What /help says of it, at more length than Discord's description allows. */
  help: string;
  /** Only moderators may run it (and Discord shows it to them only); others read `refusal`, and the refusal is audited. */
  moderatorsOnly?: { refusal: string };
  /** Each caller waits the app's cooldown between uses; one who comes back too soon reads `notice` and the wait. */
  cooldown?: { notice: string };
  /** Offered by the console and the command line only, never registered on Discord as a slash command. */
  localOnly?: boolean;
  /**
   * Also offered on Discord on any message (right-click → Apps → this name): the message's text is
   * the command's first required option.
   */
  messageMenu?: { name: string };
  /** Slow commands (a reindex) are acknowledged first and answered when done; they rebuild the index themselves. */
  slow?: boolean;
  /** Whether the reply should be visible only to the caller even before options are read. */
  ephemeralByDefault?: boolean;
  /** The one option whose text the interaction log keeps (of the message content, only the question is logged). */
  loggedOption?: string;
  run(options: Options, context: CommandContext): Reply | Promise<Reply>;
  autocomplete?(focused: { name: string; value: string }, context: CommandContext): Choice[] | Promise<Choice[]>;
}

interface Named {
  name: string;
  /** Discord's one-line description (at most 100 characters). */
  description: string;
}

export interface Subcommand extends Named {
  parameters: readonly Parameter[];
  /** Acknowledged first and answered when done (it rebuilds the index). */
  slow?: boolean;
}

/**
 * A slash command written once: its name, options and handler, from which come what Discord is
 * told (`definition`), the schema its options are checked with, the parameters local transports
 * parse and /help lists, and the handler's options type.
 */
export interface SlashCommand<Options = unknown> extends Declared<Options>, Named {
  /** Its options; empty for a command of subcommands. */
  parameters: readonly Parameter[];
  subcommands?: readonly Subcommand[];
  /** The boolean option that makes the reply visible only to the caller. */
  privateOption?: string;
  /** Discord's JSON for it, local-only options left out. */
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  schema: z.ZodType<Options>;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type SubcommandSpecs = Record<string, { description: string; options: OptionSpecs; slow?: boolean }>;
/** One subcommand's options, tagged with its name: the handler narrows on `subcommand`. */
type SubcommandOptions<S extends SubcommandSpecs> = {
  [K in keyof S & string]: Simplify<{ subcommand: K } & OptionsOf<S[K]["options"]>>;
}[keyof S & string];

/** A command with options (or none). */
export function defineCommand<O extends OptionSpecs = Record<never, never>>(
  spec: Declared<OptionsOf<O>> & Named & { options?: O; privateOption?: keyof O & string },
): SlashCommand<OptionsOf<O>> {
  const { options = {} as O, ...rest } = spec;
  const discordOptions = discordOptionsOf(options);
  return {
    ...rest,
    parameters: parametersOf(options),
    definition: { ...definitionOf(spec), ...(discordOptions.length > 0 ? { options: discordOptions } : {}) },
    schema: schemaOf(options) as unknown as z.ZodType<OptionsOf<O>>,
  };
}

/** A command of subcommands (`/corpus add`): the handler's options say which one was named. */
export function defineCommandGroup<S extends SubcommandSpecs>(
  spec: Declared<SubcommandOptions<S>> & Named & { subcommands: S },
): SlashCommand<SubcommandOptions<S>> {
  const { subcommands, ...rest } = spec;
  const subs = Object.entries(subcommands);
  const schemas = subs.map(([name, sub]) => schemaOf(sub.options).extend({ subcommand: z.literal(name) }));
  return {
    ...rest,
    parameters: [],
    subcommands: subs.map(([name, sub]) => ({
      name,
      description: sub.description,
      parameters: parametersOf(sub.options),
      ...(sub.slow ? { slow: true } : {}),
    })),
    definition: {
      ...definitionOf(spec),
      options: subs.map(([name, sub]) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name,
        description: sub.description,
        options: discordOptionsOf(sub.options),
      })),
    },
    schema: z.discriminatedUnion("subcommand", schemas as [(typeof schemas)[number]], {
      error: `Use ${subs.map(([name]) => `/${spec.name} ${name}`).join(", ")}.`,
    }) as unknown as z.ZodType<SubcommandOptions<S>>,
  };
}

/**
 * Discord's JSON for a command, options aside. Where it may be installed and used: a moderators-only
 * command only by a server that added the bot, in that server, shown to those with Manage Server;
 * every other command also by a user who installed the app for themselves, in servers, the bot's DM
 * and private channels (`integration_types` and `contexts`, which replace `dm_permission`).
 */
function definitionOf(spec: Named & { moderatorsOnly?: unknown }): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const { GuildInstall, UserInstall } = ApplicationIntegrationType;
  const { Guild, BotDM, PrivateChannel } = InteractionContextType;
  return {
    name: spec.name,
    description: spec.description,
    ...(spec.moderatorsOnly
      ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString(), integration_types: [GuildInstall], contexts: [Guild] }
      : { integration_types: [GuildInstall, UserInstall], contexts: [Guild, BotDM, PrivateChannel] }),
  };
}

const discordOptionsOf = (specs: OptionSpecs) =>
  Object.entries(specs)
    .filter(([, o]) => !o.localOnly)
    .map(([name, o]) => o.discord(name));

/** Discord's JSON for a command's entry on messages' Apps menu: a name, where it may be used, no options. */
export function menuDefinitionOf(command: SlashCommand<never>): RESTPostAPIContextMenuApplicationCommandsJSONBody | null {
  if (!command.messageMenu) return null;
  const { name: _chatName, description: _none, options: _noOptions, ...where } = command.definition;
  return { ...where, type: ApplicationCommandType.Message, name: command.messageMenu.name };
}

/** Everything Discord is told: each slash command, and each entry on messages' Apps menu. */
export function discordDefinitions(commands: ReadonlyMap<string, SlashCommand<never>>): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...commands.values()].flatMap((c) => [...(c.localOnly ? [] : [c.definition]), ...[menuDefinitionOf(c) ?? []].flat()]);
}

/** Whether this call is slow work (a reindex): the command, or the subcommand named, says so. */
export function isSlow(command: SlashCommand<never>, subcommand: unknown): boolean {
  return command.slow === true || command.subcommands?.find((s) => s.name === subcommand)?.slow === true;
}

/** The commands Discord is given: all but the local ones (a local one on messages' Apps menu is given as that alone). */
export function discordCommands<C extends SlashCommand<never>>(commands: ReadonlyMap<string, C>): ReadonlyMap<string, C> {
  return new Map([...commands].filter(([, c]) => !c.localOnly || c.messageMenu));
}
