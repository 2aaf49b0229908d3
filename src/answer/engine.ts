import type { ArticleCard } from "../library/articleCard.js";
import type { Library } from "../library/library.js";
import { type AskOptions, ask } from "./ask.js";
import { type SourceResult, source } from "./source.js";
import { type IdSuggestion, suggestIds } from "./suggest.js";
import { type Answer, type QuotedPassage, toQuotedPassage } from "./types.js";

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

  /** Whether an article has this id (without regard to case). */
  hasArticle(id: string): boolean {
    return this.library.byId.has(id.toLowerCase());
  }

  /** Article and passage ids for what someone is typing (autocomplete), articles first. */
  suggestIds(typed: string, max: number): IdSuggestion[] {
    return suggestIds(this.library, typed, max);
  }

  passages(): QuotedPassage[] {
    return [...this.library.passages].map(toQuotedPassage);
  }

  stats(): EngineStats {
    const speakers = new Set<string>();
    let passagesWithSpeaker = 0;
    for (let i = 0; i < this.library.passages.length; i++) {
      const speaker = this.library.passages.speakerAt(i);
      if (speaker) {
        speakers.add(speaker);
        passagesWithSpeaker++;
      }
    }
    return {
      articles: this.library.articles.length,
      passages: this.library.passages.length,
      speakers: speakers.size,
      passagesWithSpeaker,
      indexTerms: this.library.index.termCount,
      builtAt: this.builtAt,
      corpusFingerprint: this.corpusFingerprint,
    };
  }
}
