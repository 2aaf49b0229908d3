import { ask, type AskOptions } from "./ask.js";
import type { Library } from "./library.js";
import { source, type SourceResult } from "./source.js";
import { toQuotedPassage, type Answer, type ArticleCard, type QuotedPassage } from "./types.js";

export interface EngineStats {
  articles: number;
  passages: number;
  speakers: number;
  passagesWithSpeaker: number;
  indexTerms: number;
  builtAt: string;
  corpusFingerprint: string;
}

/** The answer engine: questions and lookups over one built library. Knows nothing of Discord. */
export class Engine {
  private summaries: { id: string; text: string; speaker: string | null }[] | undefined;

  constructor(
    private readonly library: Library,
    readonly builtAt: string,
    readonly corpusFingerprint: string,
  ) {}

  ask(question: string, options?: AskOptions): Answer {
    return ask(this.library, question, options);
  }

  source(id: string): SourceResult {
    return source(this.library, id);
  }

  get articles(): readonly ArticleCard[] {
    return this.library.articles;
  }

  /** Every passage's id, text and speaker, kept for fast lookups such as autocomplete. */
  passageSummaries(): readonly { id: string; text: string; speaker: string | null }[] {
    this.summaries ??= this.library.passages.map((p) => ({ id: p.id, text: p.text, speaker: p.attribution.speaker }));
    return this.summaries;
  }

  passages(): QuotedPassage[] {
    return this.library.passages.map(toQuotedPassage);
  }

  stats(): EngineStats {
    const speakers = new Set(this.library.passages.map((p) => p.attribution.speaker).filter(Boolean));
    return {
      articles: this.library.articles.length,
      passages: this.library.passages.length,
      speakers: speakers.size,
      passagesWithSpeaker: this.library.passages.filter((p) => p.attribution.speaker).length,
      indexTerms: this.library.index.termCount,
      builtAt: this.builtAt,
      corpusFingerprint: this.corpusFingerprint,
    };
  }
}
