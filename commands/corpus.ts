import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord-api-types/v10";
import { z } from "zod";
import type { EditOutcome, Upload } from "../src/app/citebot.js";
import { CorpusEditError } from "../src/app/corpusFiles.js";
import { describeProgress } from "../src/build/progress.js";
import { type CommandContext, defineCommand } from "../src/commandKit/command.js";
import { type ArticlePage, notice, type Reply } from "../src/commandKit/reply.js";
import { summariseWarnings } from "../src/corpus/warnings.js";
import type { ArticleCard } from "../src/library/articleCard.js";
import { reindexFailed } from "./reindex.js";
import { idChoices } from "./source.js";

/** Articles on one page of /corpus list: each line stays short, so a page always fits one message. */
export const ARTICLES_PER_PAGE = 20;

const UploadSchema = z.custom<Upload>(
  (value) => typeof value === "object" && value !== null && typeof (value as Upload).read === "function",
  "Attach the article as a .txt file.",
);
const text = (field: string, max: number) => z.string().trim().max(max, `The ${field} can be at most ${max} characters.`).optional();

const OptionsSchema = z.discriminatedUnion(
  "subcommand",
  [
    z.object({
      subcommand: z.literal("add"),
      file: UploadSchema,
      title: text("title", 300),
      publisher: text("publisher", 200),
      url: text("url", 2000),
      published: text("date", 10),
      replace: z.boolean().optional(),
    }),
    z.object({
      subcommand: z.literal("remove"),
      id: z.string().trim().min(1, "Give the id of the article to remove.").max(100, "Ids are at most 100 characters."),
    }),
    z.object({ subcommand: z.literal("list"), page: z.number().int().min(1, "Pages start at 1.").optional() }),
  ],
  { error: "Use /corpus add, /corpus remove or /corpus list." },
);

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
          {
            type: ApplicationCommandOptionType.Boolean,
            name: "replace",
            description: "Overwrite an article with the same id (metadata not given is kept)",
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "remove",
        description: "Remove an article (a copy is kept for the bot's owner), then reindex",
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: "id",
            description: "The article's id",
            required: true,
            autocomplete: true,
            max_length: 100,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: "list",
        description: "List the articles",
        options: [
          {
            type: ApplicationCommandOptionType.Integer,
            name: "page",
            description: `Which page (${ARTICLES_PER_PAGE} articles a page)`,
            min_value: 1,
          },
        ],
      },
    ],
  },
  help: "Moderators: manage the articles; each change is checked first and reindexed at once, and what it removes or replaces is kept for the bot's owner.",
  options: OptionsSchema,
  moderatorsOnly: { refusal: "Only moderators can change the corpus: you need the Manage Server permission or a moderator role." },
  slow: true,
  ephemeralByDefault: true,
  async run(options, context) {
    const { app, progress } = context;
    if (options.subcommand === "list")
      return { kind: "corpus-list", list: pageOf(app.engine.articles, options.page ?? 1), ephemeral: true };
    const target = options.subcommand === "add" ? options.file.name : options.id;
    if (app.reindexing) progress?.("A reindex is running; this change follows when it ends.", { now: true });
    const onProgress = (p: Parameters<typeof describeProgress>[0]) => progress?.(describeProgress(p));
    try {
      const outcome =
        options.subcommand === "add"
          ? await app.addArticle(
              options.file,
              { title: options.title, publisher: options.publisher, url: options.url, published: options.published },
              options.replace === true,
              onProgress,
            )
          : await app.removeArticle(options.id, onProgress);
      return edited(outcome, options.subcommand, target, context);
    } catch (error) {
      if (!(error instanceof CorpusEditError)) throw error;
      context.audit?.({ action: `corpus ${options.subcommand}`, target, result: `rejected: ${error.message}` });
      return notice("error", error.prose);
    }
  },
  autocomplete({ value }, { app }) {
    return idChoices(app.engine.suggestIds(value, 50).filter((s) => s.kind === "article"));
  },
});

/** Page `page` of the articles (the last page when there are fewer). */
export function pageOf(all: readonly ArticleCard[], page: number): ArticlePage {
  const pages = Math.max(1, Math.ceil(all.length / ARTICLES_PER_PAGE));
  const shown = Math.min(Math.max(1, page), pages);
  const articles = all.slice((shown - 1) * ARTICLES_PER_PAGE, shown * ARTICLES_PER_PAGE);
  return { articles, page: shown, pages, pageSize: ARTICLES_PER_PAGE, total: all.length };
}

function edited(outcome: EditOutcome, subcommand: "add" | "remove", target: string, context: CommandContext): Reply {
  if (!outcome.ok) {
    context.audit?.({ action: `corpus ${subcommand}`, target, result: `failed, corpus unchanged: ${outcome.problems.length} problem(s)` });
    return reindexFailed(outcome.problems, context);
  }
  const action = subcommand === "remove" ? "removed" : outcome.replaced ? "replaced" : "added";
  context.audit?.({
    action: `corpus ${subcommand}`,
    target: outcome.id,
    result: action,
    ...(outcome.trash ? { trash: outcome.trash } : {}),
  });
  const { articles, passages, milliseconds, changes, warnings } = outcome.reindex;
  const report = { articles, passages, milliseconds, changes, warnings: summariseWarnings(warnings), joined: false };
  return {
    kind: "corpus-edited",
    edit: { action, id: outcome.id, report, metadata: outcome.metadata, trash: outcome.trash },
    ephemeral: true,
  };
}
