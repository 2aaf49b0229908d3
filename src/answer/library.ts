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
      const key = JSON.stringify(a);
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
      return { text: p.text, speaker: speakerField(p), leansOn: [...before, ...after].map((c) => c.position + i - p.position) };
    }),
  );
}

/** The speaker as searched: the name and, when it says more, the description ("Russian Foreign Minister …"). */
function speakerField(p: AttributedPassage): string | null {
  const { speaker, speakerDescription } = p.attribution;
  if (!speaker) return null;
  return speakerDescription && speakerDescription !== speaker ? `${speaker} ${speakerDescription}` : speaker;
}
