import type { Attribution } from "../attribution/attribution.js";
import { attributeSpeakers } from "../attribution/speakers.js";
import type { Article } from "../corpus/article.js";
import { passagesOf } from "../passages/split.js";
import { PassageIndex } from "../search/passageIndex.js";
import { contextOf } from "./context.js";
import { toArticleCard, type ArticleCard, type AttributedPassage } from "./types.js";

/** Everything answers are made from: articles, their attributed passages, and the index over them. */
export interface Library {
  articles: ArticleCard[];
  /** All passages, article by article, each article's in order. */
  passages: AttributedPassage[];
  index: PassageIndex;
}

/** corpus → passages → speakers → index: the whole pipeline, in memory. */
export function buildLibrary(articles: readonly Article[]): Library {
  const { passages, cards } = attributedPassagesOf(articles);
  return { articles: cards, passages, index: indexOf(passages) };
}

/** corpus → passages → speakers. Equal attributions share one object: most passages have few speakers. */
export function attributedPassagesOf(articles: readonly Article[]): { passages: AttributedPassage[]; cards: ArticleCard[] } {
  const passages: AttributedPassage[] = [];
  const cards: ArticleCard[] = [];
  const shared = new Map<string, Attribution>();
  for (const article of articles) {
    const own = passagesOf(article);
    const attributions = attributeSpeakers(article.text, own);
    own.forEach((p, i) => {
      const a = attributions[i]!;
      const key = `${a.speaker ?? "\u0001"}\u0000${a.speakerDescription ?? "\u0001"}\u0000${a.kind}\u0000${a.via}\u0000${a.quoteOpenBefore}\u0000${a.quoteOpenAfter}`;
      let attribution = shared.get(key);
      if (!attribution) shared.set(key, (attribution = a));
      passages.push({ ...p, attribution });
    });
    cards.push(toArticleCard(article, own.length));
  }
  return { passages, cards };
}

/** passages → index. */
export function indexOf(passages: readonly AttributedPassage[]): PassageIndex {
  return PassageIndex.build(
    passages.map((p, i) => {
      const { before, after } = contextOf(passages, i);
      return { text: p.text, speaker: speakerField(p), leansOnPrevious: before.length > 0, leansOnNext: after.length > 0 };
    }),
  );
}

/** The speaker as searched: the name and, when it says more, the description ("Russian Foreign Minister …"). */
function speakerField(p: AttributedPassage): string | null {
  const { speaker, speakerDescription } = p.attribution;
  if (!speaker) return null;
  return speakerDescription && speakerDescription !== speaker ? `${speaker} ${speakerDescription}` : speaker;
}

/** Where each article is: its card and the range of its passages, by lower-cased id. */
export interface ArticleLookup {
  card: ArticleCard;
  /** Index of the article's first passage in Library.passages, and one past its last. */
  start: number;
  end: number;
}

const lookups = new WeakMap<Library, Map<string, ArticleLookup>>();

/** Articles by lower-cased id, made once per library: answers and lookups use it on every request. */
export function articlesById(library: Library): Map<string, ArticleLookup> {
  let byId = lookups.get(library);
  if (byId) return byId;
  byId = new Map();
  const starts = new Map<string, number>();
  library.passages.forEach((p, i) => {
    if (!starts.has(p.articleId)) starts.set(p.articleId, i);
  });
  for (const card of library.articles) {
    const start = starts.get(card.id) ?? 0;
    byId.set(card.id.toLowerCase(), { card, start, end: starts.has(card.id) ? start + card.passageCount : 0 });
  }
  lookups.set(library, byId);
  return byId;
}
