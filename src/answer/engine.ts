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
