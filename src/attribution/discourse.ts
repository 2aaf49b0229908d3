import { isListedGivenName } from "../lexicon/firstNames.js";
import { wordList } from "../wordList.js";
import type { EntityMention } from "./entities.js";
import { baseWord, isDocumentNoun, isInstitutionNoun, isPersonRole, ROLE_ABBREVIATIONS } from "./lexicon.js";
import { type SpeakerName, speakerNameOf, usualGenderOfName } from "./names.js";

/** What stands before a surname as part of it: "van Loon", "de la Cruz" (its last word), "bin Salman". */
const SURNAME_PARTICLES = new Set(wordList("van von de da di du del della der den ter le la al el bin ibn"));

/** Bodies every country has: "the government" is the government, not the organisation named last. */
const PUBLIC_BODIES = new Set(
  wordList(`
  government police army military court courts parliament congress senate ministry cabinet administration navy
  prosecutors prosecutor's judiciary legislature
`),
);

/** Before a name that is spoken to: "told the Ledger", "telling Reuters". */
const TOLD = /\b(?:told|tells|telling)\s+(?:the\s+)?$/;

/** Sentences looked back over for the person a pronoun or a role noun points to. */
const LOOK_BACK = 5;

interface Named {
  who: SpeakerName;
  at: number;
  /** Named as the sentence's subject, or with an apposition: a person by more than the look of the name. */
  prominent: boolean;
  /** Spoken to ("told the Ledger"): never the organisation a later "the company" or "it" means. */
  addressee?: boolean;
}

interface SentenceMentions {
  /** People and organisations named, in order, as the article's one object for each. */
  named: Named[];
  speaker: SpeakerName | null;
}

/**
 * What an article has said so far about who is who, for resolving a later sentence's "he", "it",
 * "the coach", "a spokesman" or "Ruiz": each person and organisation named (one object each, so that
 * what is learnt later, such as a person's sex, holds everywhere), the sentences they were named in,
 * and the speakers. Lookups are maps, or a look back over the last few sentences.
 */
export class Discourse {
  private readonly sentences: SentenceMentions[] = [];
  private readonly byName = new Map<string, SpeakerName>();
  /** The people named in full with each surname, in the order they were first named. */
  private readonly surnames = new Map<string, SpeakerName[]>();
  /**
   * Surnames used alone, and so settled: "Hillary Clinton … Clinton said … Bill Clinton": the surname
   * stays hers, as news style names the other in full. Null while the surname came before any full name.
   */
  private readonly settled = new Map<string, SpeakerName | null>();
  /** Each first name of a person named in full, null once two people of the article share it. */
  private readonly firstNames = new Map<string, SpeakerName | null>();
  private readonly speakers = new Set<SpeakerName>();
  /** The sentence begun last, its quotations masked. */
  private text = "";
  /** Those the sentence begun last named by a surname two people of the article share: which of them is a guess. */
  private readonly guesses = new Set<SpeakerName>();
  /** The last speaker, person and institution that spoke. */
  last: SpeakerName | null = null;
  lastPerson: SpeakerName | null = null;
  lastInstitution: SpeakerName | null = null;

  /** Begins a sentence with the people and organisations it names (outside quotations). */
  startSentence(entities: readonly EntityMention[], unquoted: string): void {
    this.text = unquoted;
    this.guesses.clear();
    const named = entities.flatMap((e): Named[] => {
      // Places are nobody: "in Geneva" never says anything.
      if (e.kind === "place") return [];
      const prominent = e.opens === true || e.described === true;
      // A single word is someone only when it is the surname of a person named in full before.
      if (e.kind === "single") {
        const person = this.bySurname(e.phrase) ?? this.byFirstName(e.phrase);
        return person ? [{ who: person, at: e.at, prominent: true }] : [];
      }
      const addressee = TOLD.test(unquoted.slice(Math.max(0, e.at - 16), e.at));
      return [{ who: this.canonical(entityName(e)), at: e.at, prominent, addressee }];
    });
    // "Mara Lindqvist picked up her second medal": a sentence about one person says her sex by "her".
    const people = named.filter((n) => n.who.isPerson);
    const pronoun = unquoted.match(/\b(?:her|his|she|he)\b/i);
    const person = people[0];
    // Not in an apposition ("Ole Hansen, her deputy,"), where the pronoun is someone else's, and not
    // against the first name ("Elizabeth Warren asked Stumpf about his pay": "his" is Stumpf's).
    const said = pronoun && FEMALE.test(pronoun[0]) ? "female" : "male";
    if (
      people.length === 1 &&
      pronoun &&
      pronoun.index! > person!.at &&
      person!.who.gender === null &&
      (usualGenderOfName(person!.who) ?? said) === said &&
      !/,\s*$/.test(unquoted.slice(0, pronoun.index))
    ) {
      person!.who.gender = said;
    }
    this.sentences.push({ named, speaker: null });
  }

  /** Ends the sentence begun last, with its speaker. */
  endSentence(speaker: SpeakerName | null): void {
    const current = this.sentences.at(-1);
    if (current) current.speaker = speaker;
    if (!speaker) return;
    this.speakers.add(speaker);
    this.last = speaker;
    if (speaker.isPerson) this.lastPerson = speaker;
    else this.lastInstitution = speaker;
  }

  /** Whether the sentence begun last named them by a surname they share with someone else of the article. */
  isGuessed(speaker: SpeakerName): boolean {
    return this.guesses.has(speaker);
  }

  hasSpoken(speaker: SpeakerName): boolean {
    return this.speakers.has(speaker);
  }

  /**
   * The article's one object for a name: a surname alone ("Ruiz", "Ms Ruiz") is the person named in
   * full before; the same name again is the same person or organisation.
   */
  canonical(name: SpeakerName, { asSubject = false } = {}): SpeakerName {
    const key = name.name.toLowerCase();
    const same = this.byName.get(key);
    // A surname alone is the person named in full with it, even after "the Harlan campaign" used it for something else.
    const space = name.name.indexOf(" ");
    const alone = space < 0 || SURNAME_PARTICLES.has(name.name.slice(0, space).toLowerCase());
    const surnamed = alone && !same?.isPerson ? this.bySurname(name.name) : undefined;
    // A first name alone, with no title ("Mr. Obama" is a surname), is the one person of the article who has it.
    const firstNamed = space < 0 && name.description === name.name ? this.byFirstName(name.name) : undefined;
    const known = surnamed ?? same ?? firstNamed;
    if (known) {
      known.gender ??= name.gender;
      // A name seen in passing is judged again when it speaks: its own phrase says more ("The Red Crescent said").
      if (asSubject && !this.speakers.has(known) && known.name === name.name) {
        known.isPerson = name.isPerson;
        known.description = name.description;
      }
      return known;
    }
    this.byName.set(key, name);
    const words = name.name.split(/\s+/);
    if (name.isPerson && words.length > 1) {
      this.namedInFull(words.at(-1)!, name);
      // "Lena" after "Lena Achebe-Grant": theirs while no one else of the article has that first name.
      const first = words[0]!;
      if (isListedGivenName(first))
        this.firstNames.set(first, this.firstNames.has(first) && this.firstNames.get(first) !== name ? null : name);
      // "Pieter van Loon" is also "Van Loon" at a sentence's start, and "van Loon".
      const particle = words.at(-2)!;
      if (words.length > 2 && SURNAME_PARTICLES.has(particle.toLowerCase())) {
        this.namedInFull(`${particle} ${words.at(-1)}`, name);
        this.namedInFull(`${particle[0]!.toUpperCase()}${particle.slice(1)} ${words.at(-1)}`, name);
      }
    }
    return name;
  }

  /**
   * The person a surname alone stands for: of two named in full with it, the one whose sex the
   * sentence's "she" or "his" after the surname says; else the one the surname alone was first used
   * for; else the last named in full.
   */
  private bySurname(surname: string): SpeakerName | undefined {
    const people = this.surnames.get(surname) ?? [];
    const settled = this.settled.get(surname);
    if (people.length <= 1) {
      if (!settled) this.settled.set(surname, people[0] ?? null);
      return people[0];
    }
    const cue = pronounGenderOf(this.text, surname);
    // The one of that sex, else the one the cue does not rule out: of "Dana" (either) and "Alan", "her" leaves Dana.
    const sexOf = (p: SpeakerName) => p.gender ?? usualGenderOfName(p);
    const of = cue ? people.filter((p) => sexOf(p) === cue) : [];
    const open = cue ? people.filter((p) => (sexOf(p) ?? cue) === cue) : [];
    const person = of.length === 1 ? of[0] : open.length === 1 ? open[0] : (settled ?? people.at(-1));
    // Sure only when one person has the surname, or the article itself said the sex that tells them apart.
    if (person && !(of.length === 1 && of[0]!.gender === cue)) this.guesses.add(person);
    if (!settled) this.settled.set(surname, person ?? null);
    return person;
  }

  /** A first name alone: the one person of the article with it, once they have spoken or the article said their sex. */
  private byFirstName(name: string): SpeakerName | undefined {
    const person = this.firstNames.get(name);
    return person && (this.speakers.has(person) || person.gender !== null) ? person : undefined;
  }

  private namedInFull(surname: string, person: SpeakerName): void {
    const people = this.surnames.get(surname) ?? [];
    if (!people.includes(person)) this.surnames.set(surname, [...people, person]);
    // A surname used before the person was named in full ("Clinton" in a headline) is theirs.
    if (this.settled.get(surname) === null) this.settled.set(surname, person);
  }

  /**
   * "he" or "she": a person (of that sex, when the article has said) named earlier in this sentence,
   * else in the sentences just before (each sentence's speaker first, then whom it names first),
   * else the last person who spoke.
   */
  person(pronoun: "he" | "she", at: number): SpeakerName | null {
    const wanted = pronoun === "he" ? "male" : "female";
    const fits = (s: SpeakerName) => s.isPerson && (s.gender ?? usualGenderOfName(s)) !== (wanted === "male" ? "female" : "male");
    const found = this.lookBack(at, fits);
    if (found) {
      found.gender ??= wanted;
      found.byForm = false;
    }
    if (found) return found;
    // Never someone the article said is of the other sex ("she" is not "my father").
    return [this.lastPerson, this.last].find((s) => s && (!s.isPerson || fits(s))) ?? null;
  }

  /** "it": an organisation that spoke just before, else one named in this or the last sentences, else the last that spoke. */
  institution(at: number): SpeakerName | null {
    const recentSpeaker = this.sentences
      .slice(-LOOK_BACK - 1, -1)
      .reverse()
      .find((s) => s.speaker && !s.speaker.isPerson)?.speaker;
    return recentSpeaker ?? this.organisationBefore(at, (s) => !s.isPerson) ?? this.lastInstitution ?? this.last;
  }

  /**
   * "the former monopoly", "the coach", "the agency": whoever was named with that word, else for a word
   * of a person's role the person just named, for a kind of organisation the one just named; a
   * document ("the newsletter") is itself. Null when nothing fits.
   */
  described(phrase: string, at: number): SpeakerName | null {
    const last = phrase.split(/\s+/).at(-1)!;
    const head = baseWord(last);
    const full = ROLE_ABBREVIATIONS[head] ?? head;
    const called = (s: SpeakerName) =>
      s.description
        .toLowerCase()
        .split(/[^\p{L}\p{N}-]+/u)
        .some((w) => {
          const b = baseWord(w);
          return b === head || b === full || ROLE_ABBREVIATIONS[b] === full;
        });
    if (isDocumentNoun(head)) return null;
    // A person's role points to a person, a kind of organisation to an organisation: never across.
    const kind = isPersonRole(last)
      ? (s: SpeakerName) => s.isPerson
      : isInstitutionNoun(head)
        ? (s: SpeakerName) => !s.isPerson
        : () => true;
    const fits = (s: SpeakerName) => kind(s) && called(s);
    const byWord = this.lookBack(at, fits, Infinity) ?? [...this.speakers].reverse().find(fits);
    if (byWord) return byWord;
    if (isPersonRole(last)) return this.lookBack(at, (s) => s.isPerson) ?? this.lastPerson;
    // "the company" after "Portline"; but "the government" or "the police" is that body, unless named as one before.
    if (isInstitutionNoun(head) && !PUBLIC_BODIES.has(head)) return this.organisationBefore(at, (s) => !s.isPerson) ?? this.lastInstitution;
    return null;
  }

  /**
   * "a spokesman" with no organisation named: the organisation that spoke or was named just before;
   * a name that only looks like a person's ("Velo Bikes announced a recall") may be it.
   */
  organisationOfSpokesperson(at: number): SpeakerName | null {
    const maybe = (s: SpeakerName) => !s.isPerson || s.byForm === true;
    const recentSpeaker = this.sentences
      .slice(-LOOK_BACK - 1, -1)
      .reverse()
      .find((s) => s.speaker && maybe(s.speaker))?.speaker;
    return recentSpeaker ?? this.organisationBefore(at, maybe) ?? this.lastInstitution;
  }

  /**
   * The first who fits: in this sentence before `at` (in order), then in each earlier sentence, the
   * most recent first, its speaker before whom it names. `depth` sentences back at most.
   */
  /** lookBack for an organisation: one only spoken to ("told the Ledger") is never it. */
  private organisationBefore(at: number, fits: (s: SpeakerName) => boolean): SpeakerName | null {
    return this.lookBack(at, fits, LOOK_BACK, { spokenTo: false });
  }

  private lookBack(at: number, fits: (s: SpeakerName) => boolean, depth = LOOK_BACK, { spokenTo = true } = {}): SpeakerName | null {
    // A name that only looks like a person's ("Al Arabiya", "Grand Prix") counts as the subject of its
    // sentence or with an apposition; elsewhere in a sentence it is as likely a place or a company.
    const likely = (n: Named) =>
      fits(n.who) && (!n.who.isPerson || n.who.byForm !== true || n.prominent) && (spokenTo || n.addressee !== true);
    const current = this.sentences.at(-1);
    const here = current?.named.find((n) => n.at < at && likely(n));
    if (here) return here.who;
    for (let i = this.sentences.length - 2, seen = 0; i >= 0 && seen < depth; i--, seen++) {
      const s = this.sentences[i]!;
      if (s.speaker && fits(s.speaker)) return s.speaker;
      const named = s.named.find(likely);
      if (named) return named.who;
    }
    return null;
  }
}

function entityName(e: EntityMention): SpeakerName {
  const name = speakerNameOf(e.phrase, e.role);
  return { ...name, isPerson: e.kind === "person", gender: name.gender ?? e.gender };
}

/**
 * "male" or "female" by the sentence's "he", "his", "she" or "her": the first after the surname, else
 * the last before it ("In her memoir, Whitby wrote"); null when there is none.
 */
function pronounGenderOf(text: string, surname: string): "male" | "female" | null {
  const at = text.indexOf(surname);
  if (at < 0) return null;
  const pronoun = text.slice(at + surname.length).match(GENDERED)?.[0] ?? text.slice(0, at).match(GENDERED_LAST)?.[1];
  return pronoun ? (FEMALE.test(pronoun) ? "female" : "male") : null;
}

const FEMALE = /^(?:she|her)$/i;
const GENDERED = /\b(?:he|his|him|she|her)\b/i;
const GENDERED_LAST = /\b(he|his|him|she|her)\b(?!.*\b(?:he|his|him|she|her)\b)/is;
