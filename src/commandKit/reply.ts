import type { EngineStats } from "../answer/engine.js";
import type { SourceResult } from "../answer/source.js";
import type { IdSuggestion } from "../answer/suggest.js";
import type { Answer, QuotedPassage } from "../answer/types.js";
import type { MetadataOutcome } from "../app/corpusFiles.js";
import type { CorpusChanges } from "../app/reindexer.js";
import type { ServerSettings } from "../app/serverSettings.js";
import type { CorpusProblem } from "../corpus/errors.js";
import type { ArticleCard } from "../library/articleCard.js";
import type { Prose } from "../prose.js";

/**
 * What a command answers, before any transport draws it: the Discord adapter renders it as embeds,
 * the console as text. `ephemeral` replies are seen only by whoever asked.
 */
export type Reply =
  | {
      kind: "answer";
      answer: Answer;
      ephemeral: boolean;
      /** Set when what was asked is a claim to check (Find sources); `cutAt` when only its first characters were. */
      claim?: { cutAt: number | null };
    }
  | { kind: "passage"; result: Extract<SourceResult, { kind: "passage" }>; ephemeral: boolean }
  | { kind: "article"; result: Extract<SourceResult, { kind: "article" }>; ephemeral: boolean }
  | { kind: "reindexed"; report: ReindexReport; ephemeral: boolean }
  | { kind: "reindex-failed"; problems: CorpusProblem[]; ephemeral: boolean }
  | { kind: "help"; commands: HelpEntry[]; ephemeral: boolean }
  | { kind: "stats"; stats: EngineStats; ephemeral: boolean }
  | { kind: "passages"; passages: QuotedPassage[]; ephemeral: boolean }
  | { kind: "corpus-list"; list: ArticlePage; ephemeral: boolean }
  | { kind: "corpus-edited"; edit: CorpusEdit; ephemeral: boolean }
  /** A server's settings; `changed` names those this command just set. */
  | { kind: "settings"; settings: ServerSettings; changed: (keyof ServerSettings)[]; ephemeral: boolean }
  | { kind: "notice"; tone: NoticeTone; text: Prose; suggestions?: Suggestion[]; misused?: boolean; ephemeral: boolean };

export type NoticeTone = "info" | "refusal" | "error";

/** An id offered in a notice ("did you mean …"), with what it names. */
export type Suggestion = IdSuggestion;

export interface HelpEntry {
  usage: string;
  description: string;
  /** The command as Discord mentions it (`</ask:id>`, `</corpus add:id>`), clickable; none when its id is not known. */
  mentions?: string[];
}

export interface ReindexReport {
  articles: number;
  passages: number;
  milliseconds: number;
  changes: CorpusChanges;
  /** Summarised: one line per kind of warning when there are many. */
  warnings: string[];
  /** True when this request joined a reindex that was already running. */
  joined: boolean;
  /** False when DATA_DIR could not be written: the new index serves from memory until the next start. */
  saved: boolean;
}

/** One page of the corpus's articles. */
export interface ArticlePage {
  articles: ArticleCard[];
  /** 1-based; pages of `pageSize` articles, `total` in all. */
  page: number;
  pages: number;
  pageSize: number;
  total: number;
  /** Whose articles: the shared corpus's, or the server's own. */
  owner: "shared" | "server";
}

export interface CorpusEdit {
  action: "added" | "replaced" | "removed";
  id: string;
  report: ReindexReport;
  metadata: MetadataOutcome;
  /** Where the old version was kept; null when nothing was overwritten. */
  trash: string | null;
}

/** A notice: `misused` when the command was called wrongly (an option missing or off), so a command line can show its usage. */
export const notice = (tone: NoticeTone, text: Prose | string, extra: { suggestions?: Suggestion[]; misused?: boolean } = {}): Reply => ({
  kind: "notice",
  tone,
  text: typeof text === "string" ? [text] : text,
  ephemeral: true,
  ...extra,
});
