import { type APIApplicationCommandOption, ApplicationCommandOptionType } from "discord-api-types/v10";
import type { z } from "zod";
import { command, type Prose } from "../prose.js";
import type { RawOptions } from "./dispatch.js";

type OptionDefinition = Pick<APIApplicationCommandOption, "type" | "name"> & { required?: boolean; options?: readonly OptionDefinition[] };

/** What each option type takes, said for a user. */
const TYPE_WORDS: Partial<Record<ApplicationCommandOptionType, { check: (v: unknown) => boolean; words: string }>> = {
  [ApplicationCommandOptionType.String]: { check: (v) => typeof v === "string", words: "text" },
  [ApplicationCommandOptionType.Integer]: { check: (v) => Number.isInteger(v), words: "a whole number" },
  [ApplicationCommandOptionType.Number]: { check: (v) => typeof v === "number" && Number.isFinite(v), words: "a number" },
  [ApplicationCommandOptionType.Boolean]: { check: (v) => typeof v === "boolean", words: "True or False" },
  [ApplicationCommandOptionType.Attachment]: {
    check: (v) => typeof v === "object" && v !== null && typeof (v as { read?: unknown }).read === "function",
    words: "an attached file",
  },
};

/**
 * Checks raw options against the command's definition before its schema sees them: a missing
 * required option or a value of another type (a crafted interaction, a mistyped console line) gets
 * a sentence naming the option, never a library's wording. Null when they fit. (Option names and
 * types come from the definitions: they are Citebot's own words, not literals.)
 */
export function optionProblem(name: string, definitionOptions: readonly OptionDefinition[] | undefined, raw: RawOptions): Prose | null {
  let options = definitionOptions ?? [];
  let usage = `/${name}`;
  if (options.some((o) => o.type === ApplicationCommandOptionType.Subcommand)) {
    const sub = options.find((o) => o.name === raw.subcommand);
    if (!sub) return [`Use ${options.map((o) => `/${name} ${o.name}`).join(", ")}.`];
    options = sub.options ?? [];
    usage = `/${name} ${sub.name}`;
  }
  for (const option of options) {
    const value = raw[option.name];
    if (value === undefined) {
      if (option.required)
        return [
          `${usage} needs its ${option.name} option: `,
          command({ name, subcommand: raw.subcommand as string | undefined, first: { name: option.name } }),
          ".",
        ];
      continue;
    }
    const type = TYPE_WORDS[option.type];
    if (type && !type.check(value)) return [`The ${option.name} option of ${usage} must be ${type.words}.`];
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
