import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord-api-types/v10";
import { z } from "zod";
import type { EditOutcome, Upload } from "../src/app/citebot.js";
import { CorpusEditError } from "../src/app/corpusFiles.js";
import { isModerator } from "../src/replies/caller.js";
import { defineCommand, type CommandContext } from "../src/replies/command.js";
import { notice, type Reply } from "../src/replies/reply.js";
import { idChoices } from "./source.js";

const UploadSchema = z.custom<Upload>(
  (value) => typeof value === "object" && value !== null && typeof (value as Upload).read === "function",
  "Attach the article as a .txt file.",
);
const text = (max: number) => z.string().trim().max(max).optional();

const OptionsSchema = z.discriminatedUnion("subcommand", [
  z.object({
    subcommand: z.literal("add"),
    file: UploadSchema,
    title: text(300),
    publisher: text(200),
    url: text(2000),
    published: text(10),
    replace: z.boolean().optional(),
  }),
  z.object({ subcommand: z.literal("remove"), id: z.string().trim().min(1, "Give the id of the article to remove.").max(100) }),
  z.object({ subcommand: z.literal("list") }),
], { error: "Use /corpus add, /corpus remove or /corpus list." });

/** /corpus add | remove | list (moderators): manage the articles without taking the bot down. */
export const corpus = defineCommand({
  definition: {
    name: "corpus",
    description: "Moderators: add, remove or list the articles Citebot answers from",
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    dm_permission: false,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "add",
        description: "Add an article from a .txt file (UTF-8), then reindex",
        options: [
          { type: ApplicationCommandOptionType.Attachment, name: "file", description: "The article's text as a .txt file", required: true },
          { type: ApplicationCommandOptionType.String, name: "title", description: "Headline", max_length: 300 },
          { type: ApplicationCommandOptionType.String, name: "publisher", description: "Who published it", max_length: 200 },
          { type: ApplicationCommandOptionType.String, name: "url", description: "Link to the article (http or https)", max_length: 2000 },
          { type: ApplicationCommandOptionType.String, name: "published", description: "Publication date, YYYY-MM-DD", max_length: 10 },
          { type: ApplicationCommandOptionType.Boolean, name: "replace", description: "Overwrite an article with the same id" },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "remove",
        description: "Remove an article, then reindex",
        options: [{ type: ApplicationCommandOptionType.String, name: "id", description: "The article's id", required: true, autocomplete: true, max_length: 100 }],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: "list", description: "List the articles" },
    ],
  },
  options: OptionsSchema,
  slow: true,
  ephemeralByDefault: true,
  async run(options, context) {
    const { app, caller } = context;
    if (!isModerator(caller, app.moderatorRoleIds)) {
      context.audit?.({ action: `corpus ${options.subcommand}`, result: "refused: not a moderator" });
      return notice("refusal", "Only moderators can change the corpus: you need the Manage Server permission or a moderator role.");
    }
    if (options.subcommand === "list") return { kind: "corpus-list", articles: [...app.engine.articles], ephemeral: true };
    try {
      const outcome =
        options.subcommand === "add"
          ? await app.addArticle(options.file, { title: options.title, publisher: options.publisher, url: options.url, published: options.published }, options.replace === true)
          : await app.removeArticle(options.id);
      return edited(outcome, options.subcommand, context);
    } catch (error) {
      if (!(error instanceof CorpusEditError)) throw error;
      context.audit?.({ action: `corpus ${options.subcommand}`, target: options.subcommand === "add" ? options.file.name : options.id, result: `rejected: ${error.message}` });
      return notice("error", error.message);
    }
  },
  autocomplete({ value }, { app }) {
    return idChoices(app.engine.suggestIds(value, 50).filter((s) => s.kind === "article"));
  },
});

function edited(outcome: EditOutcome, subcommand: "add" | "remove", context: CommandContext): Reply {
  if (!outcome.ok) {
    context.audit?.({ action: `corpus ${subcommand}`, result: `failed, corpus unchanged: ${outcome.problems.map((p) => `${p.file}: ${p.problem}`).join("; ")}` });
    return { kind: "reindex-failed", problems: outcome.problems, ephemeral: true };
  }
  const action = subcommand === "remove" ? "removed" : outcome.replaced ? "replaced" : "added";
  context.audit?.({ action: `corpus ${subcommand}`, target: outcome.id, result: action });
  const { articles, passages, milliseconds, changes, warnings } = outcome.reindex;
  return { kind: "corpus-edited", action, id: outcome.id, report: { articles, passages, milliseconds, changes, warnings, joined: false }, ephemeral: true };
}
