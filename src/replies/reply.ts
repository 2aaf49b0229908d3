import type { CorpusChanges } from "../app/citebot.js";
import type { SourceResult } from "../answer/source.js";
import type { Answer, ArticleCard } from "../answer/types.js";
import type { CorpusProblem } from "../corpus/errors.js";

/**
 * What a command answers, before any transport draws it: the Discord adapter renders it as embeds,
 * the console as text. `ephemeral` replies are seen only by whoever asked.
 */
export type Reply =
  | { kind: "answer"; answer: Answer; ephemeral: boolean }
  | { kind: "passage"; result: Extract<SourceResult, { kind: "passage" }>; ephemeral: boolean }
  | { kind: "article"; result: Extract<SourceResult, { kind: "article" }>; ephemeral: boolean }
  | { kind: "reindexed"; report: ReindexReport; ephemeral: boolean }
  | { kind: "reindex-failed"; problems: CorpusProblem[]; ephemeral: boolean }
  | { kind: "help"; commands: HelpEntry[]; ephemeral: boolean }
  | { kind: "corpus-list"; articles: ArticleCard[]; ephemeral: boolean }
  | { kind: "corpus-edited"; action: "added" | "replaced" | "removed"; id: string; report: ReindexReport; ephemeral: boolean }
  | { kind: "notice"; tone: NoticeTone; text: string; suggestions?: Suggestion[]; ephemeral: boolean };

export type NoticeTone = "info" | "refusal" | "error";

export interface Suggestion {
  id: string;
  label: string;
}

export interface HelpEntry {
  usage: string;
  description: string;
}

export interface ReindexReport {
  articles: number;
  passages: number;
  milliseconds: number;
  changes: CorpusChanges;
  warnings: string[];
  /** True when this request joined a reindex that was already running. */
  joined: boolean;
}

export const notice = (tone: NoticeTone, text: string, extra: { suggestions?: Suggestion[] } = {}): Reply => ({
  kind: "notice",
  tone,
  text,
  ephemeral: true,
  ...extra,
});
