import path from "node:path";
import type { Corpus } from "../src/app/corpus.js";
import type { EditOutcome } from "../src/app/corpusEditor.js";
import { proseForReply } from "../src/app/hostPaths.js";
import { describeProgress } from "../src/build/progress.js";
import { type CommandContext, defineCommandGroup } from "../src/commandKit/command.js";
import { attachment, flag, text, wholeNumber } from "../src/commandKit/options.js";
import { type ArticlePage, notice, type Reply } from "../src/commandKit/reply.js";
import type { ArticleCard } from "../src/library/articleCard.js";
import { articleFromLink, type LinkedArticle } from "../src/link/articleFromLink.js";
import { command, ProseError, prose } from "../src/prose.js";
import { reindexFailed, reindexReport } from "./reindex.js";
import { idChoices } from "./source.js";

/** Articles on one page of /corpus list: each line stays short, so a page always fits one message. */
export const ARTICLES_PER_PAGE = 20;

const id = (description: string, empty: string) =>
  text({ description, required: true, autocomplete: true, max: 100, empty, tooLong: "Ids are at most 100 characters." });

/** /corpus add | remove | list (moderators): manage the articles without taking the bot down. */
export const corpus = defineCommandGroup({
  name: "corpus",
  description: "Moderators: add, remove or list the articles Citebot answers from",
  subcommands: {
    add: {
      description: "Add an article from a .txt file (UTF-8) or from its link, then reindex",
      slow: true,
      options: {
        file: attachment({
          description: "The article's text as a .txt file (or give url alone)",
          missing: "Attach the article as a .txt file.",
          fileTypes: [".txt"],
        }),
        title: text({ description: "Headline", max: 300 }),
        publisher: text({ description: "Who published it", max: 200 }),
        url: text({ description: "Link to the article (http or https); without a file, its page is fetched", max: 2000 }),
        published: text({ description: "Publication date, YYYY-MM-DD", max: 10, label: "date" }),
        replace: flag({ description: "Overwrite an article with the same id (metadata not given is kept)" }),
      },
    },
    remove: {
      description: "Remove an article (a copy is kept for the bot's owner), then reindex",
      slow: true,
      options: { id: id("The article's id", "Give the id of the article to remove.") },
    },
    list: {
      description: "List the articles",
      options: {
        page: wholeNumber({ description: `Which page (${ARTICLES_PER_PAGE} articles a page)`, min: 1, tooSmall: "Pages start at 1." }),
      },
    },
  },
  help: "Moderators: manage this server's own articles (answered here besides the shared ones), from a .txt file or a link; each change is checked first and reindexed at once, and what it removes or replaces is kept for the bot's owner.",
  moderatorsOnly: { refusal: "Only moderators can change the corpus: you need the Manage Server permission or a moderator role." },
  ephemeralByDefault: true,
  async run(options, context) {
    const { app, caller, progress } = context;
    if (options.subcommand === "list") {
      const corpus = await app.corpusFor(caller.guildId, { create: false });
      const list = pageOf(corpus?.engine.articles ?? [], options.page ?? 1, corpus?.owner.kind ?? "server");
      return { kind: "corpus-list", list, ephemeral: true };
    }
    if (options.subcommand === "add" && !options.file && !options.url)
      return notice(
        "error",
        prose`Attach the article as a .txt file, or give its link: ${command({ name: "corpus", subcommand: "add", options: { url: "<link>" } })}.`,
        { misused: true },
      );
    const target = options.subcommand === "add" ? (options.file?.name ?? options.url!) : options.id;
    const actor = { moderator: caller.id, guild: caller.guildId ?? "console" };
    const onProgress = (p: Parameters<typeof describeProgress>[0]) => progress?.(describeProgress(p));
    // Whose folders a refusal may name, as a reply names them (within the folder, never on the host).
    let folders = app.folders;
    try {
      app.serverQuotas.takeEdit(caller.guildId);
      // Held from the first step (a page's fetch included) to the end of its reindex: the corpus edited is the one that serves.
      return await app.manage(caller.guildId, async (corpus) => {
        folders = corpus.folders;
        if (corpus.reindexing) progress?.("A reindex is running; this change follows when it ends.", { now: true });
        let outcome: EditOutcome;
        if (options.subcommand === "add") {
          const { title, publisher, url, published } = options;
          let article: LinkedArticle = { upload: options.file!, fields: { title, publisher, url, published }, provenance: {} };
          if (!options.file) {
            progress?.("Fetching the page", { now: true });
            article = await app.serverQuotas.whileFetching(caller.guildId, url!, () =>
              articleFromLink(url!, { title, publisher, published }, app.linkPolicy, app.extraction),
            );
          }
          const { upload, fields, provenance } = article;
          outcome = await corpus.addArticle({ upload, fields, replace: options.replace === true, provenance, actor, onProgress });
        } else outcome = await corpus.removeArticle(options.id, actor, onProgress);
        return edited(outcome, options.subcommand, target, corpus, context);
      });
    } catch (error) {
      if (!(error instanceof ProseError)) throw error;
      context.audit?.({ action: `corpus ${options.subcommand}`, target, result: `rejected: ${error.message}` });
      return notice("error", proseForReply(proseForReply(error.prose, folders), app.folders));
    }
  },
  async autocomplete({ value }, { app, caller }) {
    const corpus = await app.corpusFor(caller.guildId, { create: false });
    return idChoices((corpus?.engine.suggestIds(value, 50) ?? []).filter((s) => s.kind === "article"));
  },
});

/** Page `page` of the articles (the last page when there are fewer). */
export function pageOf(all: readonly ArticleCard[], page: number, owner: ArticlePage["owner"] = "shared"): ArticlePage {
  const pages = Math.max(1, Math.ceil(all.length / ARTICLES_PER_PAGE));
  const shown = Math.min(Math.max(1, page), pages);
  const articles = all.slice((shown - 1) * ARTICLES_PER_PAGE, shown * ARTICLES_PER_PAGE);
  return { articles, page: shown, pages, pageSize: ARTICLES_PER_PAGE, total: all.length, owner };
}

function edited(outcome: EditOutcome, subcommand: "add" | "remove", target: string, corpus: Corpus, context: CommandContext): Reply {
  if (!outcome.ok) {
    context.audit?.({ action: `corpus ${subcommand}`, target, result: `failed, corpus unchanged: ${outcome.problems.length} problem(s)` });
    return reindexFailed(outcome.problems, corpus.folders, context);
  }
  const action = subcommand === "remove" ? "removed" : outcome.replaced ? "replaced" : "added";
  context.audit?.({
    action: `corpus ${subcommand}`,
    target: outcome.id,
    result: action,
    ...(outcome.trash ? { trash: outcome.trash } : {}),
  });
  const report = reindexReport(outcome.reindex, corpus.folders, false);
  return {
    kind: "corpus-edited",
    // The reply names the trash within the corpus's data folder, never a path on the bot's host (the audit line has it).
    edit: {
      action,
      id: outcome.id,
      report,
      metadata: outcome.metadata,
      trash: outcome.trash && path.relative(corpus.folders.dataDir, outcome.trash),
    },
    ephemeral: true,
  };
}
