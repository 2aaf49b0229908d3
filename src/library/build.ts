import { attributeSpeakers } from "../attribution/speakers.js";
import type { Article } from "../corpus/article.js";
import { passagesOf } from "../passages/split.js";
import { type IndexedDocument, type IndexPart, indexPartOf, mergeIndexParts } from "../search/indexBuilder.js";
import { PassageIndex } from "../search/passageIndex.js";
import { STOPWORDS } from "../search/stopwords.js";
import { words } from "../search/terms.js";
import { embeddings } from "../vectors/embeddings.js";
import { joinPassageMeanings, type PassageMeaning, SentenceVectors } from "../vectors/passageMeaning.js";
import { QUESTION_WORDS_KEPT, VectorTable } from "../vectors/table.js";
import { type ArticleCard, toArticleCard } from "./articleCard.js";
import { contextOf } from "./context.js";
import { assembleLibrary, type Library } from "./library.js";
import { type AttributedPassage, mergeColumns, type PassageColumns, PassageTable, PassageTableBuilder } from "./passageTable.js";

/** corpus → passages → speakers → index: the whole pipeline, in memory. */
export function buildLibrary(articles: readonly Article[]): Library {
  return mergeLibraryParts([libraryPartOf(articles, commonComponentOf(articles))]);
}

/** The library of a run of the corpus's articles: built one per thread, then merged. */
export interface LibraryPart {
  cards: ArticleCard[];
  passages: PassageColumns;
  index: IndexPart;
  /** Where its passages stand by meaning; null without word vectors. */
  meaning: PassageMeaning | null;
}

/** Articles built between two progress reports. */
const PROGRESS_EVERY = 100;

/**
 * The library part of a run of articles; `common` is the whole corpus's common component of sentence
 * vectors (commonComponentOf), null without word vectors. onProgress hears how many articles and
 * passages are done as it goes.
 */
export function libraryPartOf(
  articles: readonly Article[],
  common: Float32Array | null,
  onProgress?: (articles: number, passages: number) => void,
): LibraryPart {
  const { passages, cards } = attributedPassagesOf(articles, onProgress);
  const english = sentenceVectors();
  const meaning = english && common ? english.passagesByMeaning(passages.columns.words, common) : null;
  return { cards, passages: passages.columns, index: indexPartOf(indexedDocumentsOf(passages)), meaning };
}

/**
 * The direction the corpus's sentence vectors share, found before the build from a sample of it (the
 * passages of about SAMPLE_ARTICLES articles spread over the corpus), so that every build thread
 * takes it out of its own passages; null without word vectors.
 */
export function commonComponentOf(articles: readonly Article[]): Float32Array | null {
  const english = sentenceVectors();
  if (!english) return null;
  const every = Math.max(1, Math.floor(articles.length / SAMPLE_ARTICLES));
  const sample: string[][] = [];
  for (let a = 0; a < articles.length; a += every) for (const p of passagesOf(articles[a]!)) sample.push(words(p.text));
  return english.commonComponent(sample);
}

/** Articles read for the common component: every one of a smaller corpus. */
const SAMPLE_ARTICLES = 200;

let english: SentenceVectors | null | undefined;
/** English's vectors as sentence vectors weigh them, made once a thread; null when the vectors are not installed. */
function sentenceVectors(): SentenceVectors | null {
  if (english === undefined) {
    const vectors = embeddings();
    // The words a corpus's table keeps of those a passage can have: English's commonest, and any other word the index keeps.
    english = vectors ? new SentenceVectors(vectors, (word, rank) => rank < QUESTION_WORDS_KEPT || !STOPWORDS.has(word)) : null;
  }
  return english;
}

/** The parts, in corpus order, as the library one pass over the whole corpus builds. */
export function mergeLibraryParts(parts: readonly LibraryPart[]): Library {
  const passages = new PassageTable(mergeColumns(parts.map((part) => part.passages)));
  return assembleLibrary({
    articles: parts.flatMap((part) => part.cards),
    passages,
    index: PassageIndex.fromData(mergeIndexParts(parts.map((part) => part.index))),
    vectors: vectorsFor(new Set(parts.flatMap((part) => part.index.words)), parts),
  });
}

/** The word vectors the corpus needs, with where its passages stand by meaning as the parts worked it out. */
function vectorsFor(corpusWords: ReadonlySet<string>, parts: readonly LibraryPart[]): VectorTable | null {
  const vectors = embeddings();
  const meanings = parts.map((part) => part.meaning);
  if (!vectors || meanings.some((m) => m === null)) return null;
  return VectorTable.build(vectors, corpusWords, joinPassageMeanings(meanings as PassageMeaning[], vectors.dimensions));
}

/** corpus → passages → speakers. */
function attributedPassagesOf(
  articles: readonly Article[],
  onProgress?: (articles: number, passages: number) => void,
): { passages: PassageTable; cards: ArticleCard[] } {
  const table = new PassageTableBuilder();
  const cards: ArticleCard[] = [];
  let passageCount = 0;
  for (const [i, article] of articles.entries()) {
    const own = passagesOf(article);
    table.addArticle(article, own, attributeSpeakers(article.text, own));
    cards.push(toArticleCard(article, own));
    passageCount += own.length;
    if (onProgress && ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === articles.length)) onProgress(i + 1, passageCount);
  }
  return { passages: table.build(), cards };
}

/** What the index is given of each passage: its text, its speaker, and whether it leans on a neighbour. */
function indexedDocumentsOf(passages: PassageTable): IndexedDocument[] {
  const documents: IndexedDocument[] = [];
  for (let i = 0; i < passages.length; i++) {
    const p = passages.at(i)!;
    const { before, after } = contextOf(passages, i);
    documents.push({ text: p.text, speaker: speakerField(p), leansOnPrevious: before.length > 0, leansOnNext: after.length > 0 });
  }
  return documents;
}

/** The speaker as searched: the name and, when it says more, the description ("Russian Foreign Minister …"). */
function speakerField(p: AttributedPassage): string | null {
  const { speaker, speakerDescription } = p.attribution;
  if (!speaker) return null;
  return speakerDescription && speakerDescription !== speaker ? `${speaker} ${speakerDescription}` : speaker;
}
