import type { ArticleCard } from "../library/articleCard.js";
import type { AskOptions } from "./ask.js";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./ask.js";
import type { Engine } from "./engine.js";
import type { SourceResult } from "./source.js";
import type { IdSuggestion } from "./suggest.js";
import type { Answer, QuotedPassage, RankedPassage } from "./types.js";

/**
 * What one place searches: the shared corpus, and in a server that has its own articles, those too.
 * Asked as one: each engine judges its own candidates (the decision is calibrated per passage, so
 * its scores compare across engines), and the answers are merged, answering passages first. A
 * server's article is marked `fromServer`; one whose id a shared article has since taken is left
 * out, so every id names one article in what a server sees.
 */
export class SearchScope {
  constructor(
    readonly shared: Engine,
    readonly server: Engine | null = null,
  ) {}

  ask(question: string, options: AskOptions = {}): Answer {
    const sharedAnswer = this.shared.ask(question, options);
    if (!this.server || this.server.articles.length === 0) return sharedAnswer;
    const serverAnswer = this.serverOnly(this.server.ask(question, options));
    if (this.shared.articles.length === 0) return serverAnswer;
    const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    const order = (p: RankedPassage) => (p.relevance === "answer" ? 1 : 0);
    const passages = [...serverAnswer.passages, ...sharedAnswer.passages]
      .sort((a, b) => order(b) - order(a) || b.score - a.score)
      .slice(0, limit);
    const answered = sharedAnswer.answered || serverAnswer.answered;
    const articles: Record<string, ArticleCard> = {};
    for (const p of passages) articles[p.article] = serverAnswer.articles[p.article] ?? sharedAnswer.articles[p.article]!;
    // Unanswered, the reason is the one of the engine whose best passage came closest.
    const closest = (passages[0] && serverAnswer.passages.includes(passages[0]) ? serverAnswer : sharedAnswer).reason;
    return { question, answered, reason: answered ? null : closest, passages, articles };
  }

  source(id: string): SourceResult {
    const shared = this.shared.source(id);
    if (shared.kind !== "not-found" || !this.server) return shared;
    const own = this.server.source(id);
    if (own.kind !== "not-found") return this.shadowed(own.article.id) ? shared : { ...own, article: mark(own.article) };
    const suggestions = own.suggestions.filter((s) => !this.shadowed(articleOf(s.id)));
    return { ...shared, suggestions: interleave(suggestions, shared.suggestions, shared.suggestions.length || suggestions.length) };
  }

  /** Ids for what someone is typing, the server's and the shared corpus's in turn. */
  suggestIds(typed: string, max: number): IdSuggestion[] {
    const own = this.server ? this.server.suggestIds(typed, max).filter((s) => !this.shadowed(articleOf(s.id))) : [];
    return interleave(own, this.shared.suggestIds(typed, max), max);
  }

  /** Every passage searched here: the server's own after the shared corpus's. */
  passages(): QuotedPassage[] {
    const own = this.server ? this.server.passages().filter((p) => !this.shadowed(p.article)) : [];
    return [...this.shared.passages(), ...own];
  }

  private serverOnly(answer: Answer): Answer {
    const passages = answer.passages.filter((p) => !this.shadowed(p.article));
    const articles = Object.fromEntries(Object.entries(answer.articles).map(([id, card]) => [id, mark(card)]));
    return { ...answer, passages, articles };
  }

  private shadowed(articleId: string): boolean {
    return this.shared.hasArticle(articleId);
  }
}

const mark = (card: ArticleCard): ArticleCard => ({ ...card, fromServer: true });
/** The article a passage id ("article:3.2") or an article id names. */
const articleOf = (id: string) => id.split(":")[0]!;

function interleave<T>(a: readonly T[], b: readonly T[], max: number): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < max && (i < a.length || i < b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length && out.length < max) out.push(b[i]!);
  }
  return out;
}
