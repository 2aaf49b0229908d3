import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType, ChannelType } from "discord-api-types/v10";
import { z } from "zod";
import type { Upload } from "../app/upload.js";
import { command, type Prose } from "../prose.js";
import type { RawOptions } from "./dispatch.js";

/**
 * An option written once (as discord-utils-bot does): what Discord is told, the schema its value is
 * checked with, and, through `Value`, the type the handler receives. Build one with `text`,
 * `wholeNumber`, `flag` or `attachment`.
 */
export interface OptionSpec<Value = unknown, Required extends boolean = boolean> {
  readonly type: ApplicationCommandOptionType;
  readonly description: string;
  readonly required: Required;
  /** Offered by the console and the command line only: Discord is never told of it, and ignores it if sent. */
  readonly localOnly: boolean;
  /** Discord's JSON for it under `name`. */
  discord(name: string): APIApplicationCommandBasicOption;
  schema(name: string): z.ZodType<Value>;
}

/** An option with its name, as transports read it (usage lines, parsing a console line or an argv). */
export interface Parameter {
  name: string;
  type: ApplicationCommandOptionType;
  required: boolean;
  localOnly: boolean;
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec<unknown>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ValueOf<S> = S extends OptionSpec<infer V, boolean> ? V : never;
type RequiredKeys<O> = { [K in keyof O]: O[K] extends { required: true } ? K : never }[keyof O];

/** The handler's options for a set of specs: required ones always there, the others optional. */
export type OptionsOf<O extends OptionSpecs> = Simplify<
  { [K in RequiredKeys<O>]: ValueOf<O[K]> } & { [K in Exclude<keyof O, RequiredKeys<O>>]?: ValueOf<O[K]> }
>;

interface Common<Required extends boolean> {
  description: string;
  required?: Required;
  localOnly?: boolean;
}

const base = <Required extends boolean>(type: ApplicationCommandOptionType, o: Common<Required>) => ({
  type,
  description: o.description,
  required: (o.required ?? false) as Required,
  localOnly: o.localOnly ?? false,
});

const discordBase = (name: string, o: { type: ApplicationCommandOptionType; description: string; required: boolean }) => ({
  type: o.type,
  name,
  description: o.description,
  ...(o.required ? { required: true } : {}),
});

const optional = <T>(schema: z.ZodType<T>, required: boolean) => (required ? schema : schema.optional()) as z.ZodType<T>;

/**
 * Text, trimmed. `min`/`max` are lengths Discord enforces too; `empty` is said for text that is
 * blank once trimmed (without telling Discord a minimum). Each message has a default naming the option.
 */
export function text<const Required extends boolean = false>(
  o: Common<Required> & {
    max: number;
    min?: number;
    autocomplete?: boolean;
    /** What the option is called in messages (its name when not said). */
    label?: string;
    empty?: string;
    tooShort?: string;
    tooLong?: string;
  },
): OptionSpec<string, Required> {
  const spec = base(ApplicationCommandOptionType.String, o);
  return {
    ...spec,
    discord: (name) =>
      ({
        ...discordBase(name, spec),
        ...(o.autocomplete ? { autocomplete: true } : {}),
        ...(o.min !== undefined ? { min_length: o.min } : {}),
        max_length: o.max,
      }) as APIApplicationCommandBasicOption,
    schema(name) {
      const label = o.label ?? name;
      let schema = z.string().trim();
      if (o.empty) schema = schema.min(1, o.empty);
      if (o.min !== undefined) schema = schema.min(o.min, o.tooShort ?? `The ${label} needs at least ${o.min} characters.`);
      schema = schema.max(o.max, o.tooLong ?? `The ${label} can be at most ${o.max} characters.`);
      return optional(schema, spec.required);
    },
  };
}

/** A whole number within `min`..`max` (Discord is told the range too). */
export function wholeNumber<const Required extends boolean = false>(
  o: Common<Required> & { min?: number; max?: number; tooSmall?: string; tooBig?: string },
): OptionSpec<number, Required> {
  const spec = base(ApplicationCommandOptionType.Integer, o);
  const range = o.min !== undefined && o.max !== undefined ? `from ${o.min} to ${o.max}` : o.min !== undefined ? `of ${o.min} or more` : "";
  return {
    ...spec,
    discord: (name) =>
      ({
        ...discordBase(name, spec),
        ...(o.min !== undefined ? { min_value: o.min } : {}),
        ...(o.max !== undefined ? { max_value: o.max } : {}),
      }) as APIApplicationCommandBasicOption,
    schema(name) {
      const outside = `The ${name} must be a whole number ${range}.`;
      let schema = z.number().int();
      if (o.min !== undefined) schema = schema.min(o.min, o.tooSmall ?? outside);
      if (o.max !== undefined) schema = schema.max(o.max, o.tooBig ?? outside);
      return optional(schema, spec.required);
    },
  };
}

/** True or False: a flag in the console and on the command line. */
export function flag(o: Common<false>): OptionSpec<boolean, false> {
  const spec = base<false>(ApplicationCommandOptionType.Boolean, o);
  return {
    ...spec,
    discord: (name) => discordBase(name, spec) as APIApplicationCommandBasicOption,
    schema: () => optional(z.boolean(), false),
  };
}

/** A text channel of the server, by its id (Discord offers a picker; the console takes the id). */
export function channel<const Required extends boolean = false>(o: Common<Required>): OptionSpec<string, Required> {
  const spec = base(ApplicationCommandOptionType.Channel, o);
  return {
    ...spec,
    discord: (name) =>
      ({
        ...discordBase(name, spec),
        channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread, ChannelType.PrivateThread],
      }) as APIApplicationCommandBasicOption,
    schema: (name) =>
      optional(
        z.string().refine((id) => /^\d{17,20}$/.test(id), `The ${name} must be a channel of this server (its id, 17 to 20 digits).`),
        spec.required,
      ),
  };
}

/** An attached file, read on demand: Discord's upload, or a file on this machine in the console. */
export function attachment<const Required extends boolean = false>(
  o: Common<Required> & {
    missing: string;
    /** The file types Discord's picker offers (".txt"); what arrives is still checked. */
    fileTypes?: readonly string[];
  },
): OptionSpec<Upload, Required> {
  const spec = base(ApplicationCommandOptionType.Attachment, o);
  return {
    ...spec,
    discord: (name) =>
      ({ ...discordBase(name, spec), ...(o.fileTypes ? { file_types: [...o.fileTypes] } : {}) }) as APIApplicationCommandBasicOption,
    schema: () =>
      optional(
        z.custom<Upload>((v) => typeof v === "object" && v !== null && typeof (v as Upload).read === "function", o.missing),
        spec.required,
      ),
  };
}

/** The specs as transports read them, in the order written. */
export const parametersOf = (specs: OptionSpecs): Parameter[] =>
  Object.entries(specs).map(([name, s]) => ({
    name,
    type: s.type,
    required: s.required,
    localOnly: s.localOnly,
    description: s.description,
  }));

/** The zod object the specs check a command's options with. */
export const schemaOf = (specs: OptionSpecs) =>
  z.object(Object.fromEntries(Object.entries(specs).map(([name, s]) => [name, s.schema(name)])));

/** What each option type takes, said for a user. */
const TYPE_WORDS: Partial<Record<ApplicationCommandOptionType, { check: (v: unknown) => boolean; words: string }>> = {
  [ApplicationCommandOptionType.String]: { check: (v) => typeof v === "string", words: "text" },
  [ApplicationCommandOptionType.Integer]: { check: (v) => Number.isInteger(v), words: "a whole number" },
  [ApplicationCommandOptionType.Number]: { check: (v) => typeof v === "number" && Number.isFinite(v), words: "a number" },
  [ApplicationCommandOptionType.Boolean]: { check: (v) => typeof v === "boolean", words: "True or False" },
  [ApplicationCommandOptionType.Channel]: { check: (v) => typeof v === "string", words: "a channel" },
  [ApplicationCommandOptionType.Attachment]: {
    check: (v) => typeof v === "object" && v !== null && typeof (v as { read?: unknown }).read === "function",
    words: "an attached file",
  },
};

/**
 * Checks raw options against the command's parameters before its schema sees them: a missing
 * required option or a value of another type (a crafted interaction, a mistyped console line) gets
 * a sentence naming the option, never a library's wording. Null when they fit.
 */
export function optionProblem(
  name: string,
  shape: { parameters: readonly Parameter[]; subcommands?: readonly { name: string; parameters: readonly Parameter[] }[] },
  raw: RawOptions,
): Prose | null {
  let parameters = shape.parameters;
  const subcommand = typeof raw.subcommand === "string" ? raw.subcommand : undefined;
  if (shape.subcommands) {
    const sub = shape.subcommands.find((s) => s.name === subcommand);
    if (!sub) return ["Use ", ...shape.subcommands.flatMap((s, i) => [i > 0 ? ", " : "", command({ name, subcommand: s.name })]), "."];
    parameters = sub.parameters;
  }
  const usage = command({ name, subcommand });
  for (const option of parameters) {
    const value = raw[option.name];
    if (value === undefined) {
      if (option.required)
        return [usage, ` needs its ${option.name} option: `, command({ name, subcommand, first: { name: option.name } }), "."];
      continue;
    }
    const type = TYPE_WORDS[option.type];
    if (type && !type.check(value)) return [`The ${option.name} option of `, usage, ` must be ${type.words}.`];
  }
  return null;
}

/** Issues whose message the commands' schemas always write themselves (lengths, ranges, checks). */
const OWN_MESSAGES = new Set(["too_small", "too_big", "custom"]);

/** A schema's complaint in words for a user: our own messages as written, a library's replaced by one naming the option. */
export function schemaProblem(error: z.ZodError): Prose {
  const messages = error.issues.map((issue) =>
    OWN_MESSAGES.has(issue.code) ? issue.message : `The ${String(issue.path[0] ?? "command's")} option is not valid.`,
  );
  return [[...new Set(messages)].join(" ")];
}
