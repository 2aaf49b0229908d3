import { entitiesIn } from "../attribution/entities.js";
import { words } from "../search/terms.js";
import { nlp } from "./nlp.js";

/**
 * The kind of answer a question asks for, and whether a passage holds one. "How many …" wants a
 * number, "When …" a date or a time, "Who …" a person or an organisation, "Why …" a reason: a passage
 * without one (that the question does not already hold) does not answer it, however many words it shares.
 */
export type AnswerType =
  | "number"
  | "ordinal"
  | "money"
  | "percent"
  | "date"
  | "time"
  | "duration"
  | "person"
  | "organisation"
  | "place"
  | "reason"
  | "name";

const MONEY_NOUNS =
  "fine|fines|price|prices|cost|costs|salary|salaries|pay|wage|wages|budget|fee|fees|sum|bill|revenue|revenues|profit|profits|income|funding|investment|worth";
const ORGANISATION_NOUNS =
  "company|companies|firm|firms|organisation|organization|organisations|organizations|agency|agencies|party|parties|group|groups|bank|banks|airline|team|club|body|regulator|network|studio|business|operator|union|charity|newspaper|broadcaster|government|ministry|department|council|court|authority";
const PERSON_NOUNS =
  "person|people|man|woman|actor|actress|player|minister|official|executive|director|leader|candidate|politician|boss|coach|chief|winner|spokesman|spokeswoman|analyst|manager|president|governor|star";
const PLACE_NOUNS =
  "city|cities|country|countries|town|towns|state|states|place|places|region|county|village|venue|location|site|street|area|capital|airport|port";
const DATE_NOUNS = "year|date|day|month|season|week|decade|century";
/**
 * Measures whose value is a number: "What is the population of …" wants one. Unlike an amount of
 * money, a bare number does not say what it measures, so the passage must also name the measure.
 */
const QUANTITY_NOUNS = "population|age|height|length|size|distance|capacity|attendance|turnout|toll|tally";
/** Words that name a kind of answer without belonging to one list: "What is the reason …", "In what way …". */
const GENERAL_KIND_NOUNS =
  "name|names|number|amount|total|figure|figures|percentage|percent|proportion|share|reason|reasons|way|ways|thing|things|kind|type|part|time|times|side|sides|people|men|women|officials|leaders|players|persons";

const KIND_NOUNS = new Set(
  [MONEY_NOUNS, ORGANISATION_NOUNS, PERSON_NOUNS, PLACE_NOUNS, DATE_NOUNS, GENERAL_KIND_NOUNS].flatMap((list) => list.split("|")),
);

/**
 * Whether a word names the kind of answer rather than something the answer says: "Which city …" is
 * answered by "Geneva", not by the word "city"; "What is the price of …" by "$6.99-a-month".
 */
export function namesAnswerKind(word: string): boolean {
  return KIND_NOUNS.has(word);
}

/** Rules in order: the first that fits says what the question wants. */
const RULES: [RegExp, AnswerType[]][] = [
  [/\b(?:what|which)\s+(?:percentage|percent|proportion|share)\b|\bhow\s+much\s+of\b/, ["percent", "number"]],
  [
    new RegExp(
      `\\bhow\\s+much\\b.*\\b(?:${MONEY_NOUNS}|paid|pay|spend|spent|cost|costs|charge|charged|raise|raised|earn|earned|invest|invested)\\b`,
    ),
    ["money", "number"],
  ],
  // "How many times …" is answered by "for the fifth time" as well as by "five times".
  [/\bhow\s+many\s+times\b/, ["number", "ordinal"]],
  [/\bhow\s+(?:many|much)\b|\bhow\s+old\b|\bwhat\s+(?:number|amount|total|figure)\b/, ["number", "money", "percent"]],
  [new RegExp(`\\b(?:what|which)\\s+(?:is|was|are|were)\\s+the\\s+(?:[\\w'-]+\\s+){0,2}(?:${QUANTITY_NOUNS})\\b`), ["number", "percent"]],
  [new RegExp(`\\b(?:what|which)\\s+(?:is\\s+the\\s+|was\\s+the\\s+)?(?:[\\w'-]+\\s+){0,2}(?:${MONEY_NOUNS})\\b`), ["money", "number"]],
  [/\bhow\s+long\b/, ["duration", "date", "time"]],
  [/\bwhat\s+time\b/, ["time"]],
  [new RegExp(`\\b(?:what|which)\\s+(?:${DATE_NOUNS})\\b|\\bwhen\\b`), ["date", "time", "duration"]],
  [/\bwhy\b|\bwhat\s+(?:reason|caused|led\s+to)\b|\bfor\s+what\s+reason\b/, ["reason"]],
  [new RegExp(`\\b(?:what|which)\\s+(?:[\\w'-]+\\s+){0,2}(?:${PLACE_NOUNS})\\b|\\bwhere\\b`), ["place"]],
  [new RegExp(`\\b(?:what|which)\\s+(?:[\\w'-]+\\s+){0,2}(?:${ORGANISATION_NOUNS})\\b`), ["organisation", "name"]],
  [new RegExp(`\\b(?:what|which)\\s+(?:[\\w'-]+\\s+){0,2}(?:${PERSON_NOUNS})\\b`), ["person", "name"]],
  [new RegExp(`\\bnames?\\s+of\\s+(?:the|a|an|this|that)\\s+(?:[\\w'-]+\\s+){0,3}(?:${PERSON_NOUNS})\\b`), ["person"]],
  [new RegExp(`\\bnames?\\s+of\\s+(?:the|a|an|this|that)\\s+(?:[\\w'-]+\\s+){0,3}(?:${ORGANISATION_NOUNS})\\b`), ["organisation"]],
  [/\bwhat\s+(?:is|was|are|were)\s+the\s+names?\b|\bwhat\s+(?:[\w'-]+\s+)?name\b/, ["name", "person", "organisation", "place"]],
  [/^\s*(?:and\s+)?who(?:m|se)?\b|\bwho\s+(?:is|was|are|were|did|has|had|will|would|said|won|led)\b/, ["person", "organisation"]],
];

/**
 * The kinds of answer the question accepts, most wanted first; empty when it asks for none in
 * particular ("What did the minister say about the talks?", "How did the rebels react?").
 */
export function expectedAnswerTypes(question: string): AnswerType[] {
  const whole = ` ${question.toLowerCase().replace(/[’]/g, "'")} `;
  // "Does the union …", "Did Iran …": a yes or no, not a kind of thing.
  if (/^\s*(?:do|does|did|is|are|was|were|can|could|will|would|should|has|have|had|may|might)\s/.test(whole)) return [];
  // The question's own wh-word decides, not one in a clause of it ("How did they react when …").
  const wh = whole.search(/\b(?:what|which|who|whom|whose|when|where|why|how)\b/);
  if (wh < 0) return [];
  const q = ` ${whole.slice(wh)}`;
  // "What did X say …", "How did X react": what was said or done, whatever its kind.
  if (
    /^\s*(?:what|how)\s+(?:did|does|do|has|have|had|is|was)\b.*\b(?:say|said|tell|told|think|describe|announce|claim|react|respond|feel)\b/.test(
      q,
    )
  )
    return [];
  const clause = q.slice(0, firstClauseEnd(q));
  for (const [rule, types] of RULES) if (rule.test(clause)) return types;
  return [];
}

/** Where the question's main clause ends: at a subordinate "when", "while", "if" or "after" after its verb. */
function firstClauseEnd(q: string): number {
  const sub = q.slice(4).search(/\b(?:when|while|if|after|before|because|since|as)\b/);
  return sub < 0 ? q.length : sub + 4;
}

/** A value of some answer type in a text: "15,000" (number), "Tuesday" (date), "Ana Ruiz" (person). */
export interface AnswerValue {
  type: AnswerType;
  value: string;
}

const ENTITY_TYPES: Record<string, AnswerType[]> = {
  CARDINAL: ["number"],
  ORDINAL: ["ordinal"],
  MONEY: ["money", "number"],
  PERCENT: ["percent", "number"],
  DATE: ["date"],
  TIME: ["time"],
  DURATION: ["duration"],
};
/** Words that give a reason: "because", "due to", "fined over the spill", "to help them recover". */
const REASON =
  /\b(?:because|due\s+to|owing\s+to|as\s+a\s+result|so\s+that|in\s+order\s+to|since|citing|over\s+(?:her|his|its|their|the|a)\b|after\s+(?:being|she|he|it|they)\b|to\s+help\b|blamed|caused|led\s+to|reason|why|for\s+fear|amid|following)/i;
const PLACE_BEFORE = /\b(?:in|at|from|to|near|outside|inside|across|into|throughout)\s+$/i;

/**
 * How each kind of answer value is found: numbers, dates and times by wink-nlp's entities (the
 * dearest: the passage tagged), names and places by ours (attribution's entities), reasons by their
 * cue words. A question that asks "who" never pays for tagging the passage.
 */
export type ValueSource = "entities" | "names" | "reasons";
const SOURCE_OF: Record<AnswerType, ValueSource> = {
  number: "entities",
  ordinal: "entities",
  money: "entities",
  percent: "entities",
  date: "entities",
  time: "entities",
  duration: "entities",
  person: "names",
  organisation: "names",
  place: "names",
  name: "names",
  reason: "reasons",
};

/** Where the values of these types are found. */
export function sourcesOf(types: readonly AnswerType[]): ValueSource[] {
  return [...new Set(types.map((t) => SOURCE_OF[t]))];
}

/** Every answer value the text holds. */
export function answerValuesIn(text: string): AnswerValue[] {
  return [...answerValuesFrom(text, "entities"), ...answerValuesFrom(text, "names"), ...answerValuesFrom(text, "reasons")];
}

/** The answer values one source finds in the text. */
export function answerValuesFrom(text: string, source: ValueSource): AnswerValue[] {
  const values: AnswerValue[] = [];
  if (source === "entities") {
    const doc = nlp().readDoc(text);
    const its = nlp().its;
    for (const entity of doc.entities().out(its.detail) as unknown as { value: string; type: string }[]) {
      for (const type of ENTITY_TYPES[entity.type] ?? []) values.push({ type, value: entity.value });
    }
    // Digits wink-nlp did not take as an entity still answer "how many".
    for (const m of text.matchAll(/\b\d[\d,.]*\b/g))
      if (!values.some((v) => v.value.includes(m[0]))) values.push({ type: "number", value: m[0] });
  } else if (source === "names") {
    for (const e of entitiesIn(text)) {
      // A single capitalised word may be a person, a country or a company acting ("brokered by Norway and Chile").
      const kind: AnswerType[] =
        e.kind === "person" ? ["person", "name"] : e.kind === "institution" ? ["organisation", "name"] : ["name", "organisation", "person"];
      const place = e.kind === "place" || PLACE_BEFORE.test(text.slice(0, e.at)) ? (["place"] as AnswerType[]) : [];
      for (const type of [...kind, ...place]) values.push({ type, value: e.phrase });
    }
  } else {
    const reason = text.match(REASON);
    if (reason) values.push({ type: "reason", value: text.slice(reason.index!) });
  }
  return values;
}

/**
 * Whether the text holds a value of one of the wanted types that the question does not already
 * give ("How many died in 2016?" is not answered by "2016"). `speaker`, the passage's speaker, is a
 * person or an organisation the passage names.
 */
export function holdsAnswer(
  types: readonly AnswerType[],
  values: readonly AnswerValue[],
  question: string,
  speaker: string | null,
): boolean {
  if (types.length === 0) return true;
  const asked = new Set(words(question));
  const fresh = (value: string) => words(value).some((w) => !asked.has(w));
  if (speaker && (types.includes("person") || types.includes("organisation")) && fresh(speaker)) return true;
  return values.some((v) => types.includes(v.type) && fresh(v.value));
}
