import { wordList } from "../wordList.js";
import type { Discourse } from "./discourse.js";
import { entitiesIn } from "./entities.js";
import { genderOf, isInstitutionNoun, isPersonRole } from "./lexicon.js";
import { isTheWriter, type Mention } from "./mentions.js";
import { type SpeakerName, speakerNameOf } from "./names.js";

/** Words that re-describe someone already named rather than name someone new: "the former monopoly". */
const DESCRIPTIVE = new Set(
  wordList(`
  former veteran embattled beleaguered outgoing incoming new young elderly retired current same latter then acting
  interim longtime long-time popular controversial disgraced ousted besieged troubled struggling giant big largest
  biggest world's country's firm's company's
`),
);
/** A party's adjective, as before its spokesperson, and the party's name. */
const PARTIES: Record<string, string> = Object.fromEntries([
  ...wordList(`
  Conservative Labour Liberal Democratic Republican Green Socialist Communist Progressive Libertarian Unionist
  Nationalist Reform
`).map((word) => [word.toLowerCase(), `${word} Party`]),
  ["democrat", "Democratic Party"],
  ["tory", "Conservative Party"],
]);

/** Those a possessive names as the owner's own voice: "its spokeswoman" speaks for it. */
const VOICES = new Set(["spokesman", "spokeswoman", "spokesperson", "representative", "spokespeople", "representatives"]);
/** Those a possessive names as people of the owner's: "his lawyer" is a person, "his office" is not. */
const PEOPLE_OF = new Set(
  wordList(`
  lawyer lawyers attorney attorneys aide aides wife husband son daughter mother father brother sister adviser advisers
  advisor advisors
`),
);

/** The speaker a mention stands for, given what the article has said before. Null when it points to nobody. */
export function resolveMention(mention: Mention, discourse: Discourse): SpeakerName | null {
  switch (mention.kind) {
    case "name":
      return discourse.canonical(speakerNameOf(mention.phrase, mention.role), { asSubject: true });
    case "pronoun":
      if (mention.pronoun === "he" || mention.pronoun === "she") return discourse.person(mention.pronoun, mention.at);
      if (mention.pronoun === "it") return discourse.institution(mention.at);
      if (isTheWriter(mention)) return null;
      return discourse.last;
    case "described": {
      const own = speakerNameOf(mention.phrase);
      return (refersBack(mention.phrase) ? discourse.described(mention.phrase, mention.at) : null) ?? discourse.canonical(own);
    }
    case "spokesperson": {
      // "the spokeswoman": the one named so before, if any.
      const before = !mention.of && /^the\s/i.test(mention.phrase) ? discourse.described(mention.phrase, mention.at) : null;
      if (before) return before;
      const owner = mention.of
        ? ownerNamed(mention.of, mention.at, discourse)
        : (spokenOf(mention.after ?? "", mention.at, discourse) ?? discourse.organisationOfSpokesperson(mention.at));
      return owner ? voiceOf(owner, mention.phrase) : discourse.canonical(speakerNameOf(mention.phrase));
    }
    case "possessive": {
      const owner =
        mention.pronoun === "his" || mention.pronoun === "her"
          ? discourse.person(mention.pronoun === "his" ? "he" : "she", mention.at)
          : discourse.institution(mention.at);
      if (!owner) return null;
      if (VOICES.has(mention.noun)) return voiceOf(owner, `${mention.pronoun} ${mention.noun}`);
      const name = `${owner.name}'s ${mention.noun}`;
      const words = mention.noun.split(/\s+/);
      const person = PEOPLE_OF.has(mention.noun) || isPersonRole(words.at(-1)!);
      return discourse.canonical({ name, description: name, isPerson: person, gender: genderOf(words) });
    }
  }
}

/** "the Association of Dairy and Cheese Producers", "IBM", "the company": the organisation a spokesman speaks for. */
function ownerNamed(of: string, at: number, discourse: Discourse): SpeakerName | null {
  if (/^the\s+\p{Ll}/u.test(of) && !/\p{Lu}/u.test(of)) return discourse.described(of, at);
  // "a Conservative spokeswoman", "a Democratic spokesman": the party's.
  const party = PARTIES[of.trim().toLowerCase()];
  if (party) return discourse.canonical({ name: party, description: party, isPerson: false, gender: null });
  return discourse.canonical({ ...speakerNameOf(of), isPerson: false, gender: null });
}

/** "a spokeswoman said the Transport Ministry had …": the organisation the spokesperson's words begin with. */
function spokenOf(after: string, at: number, discourse: Discourse): SpeakerName | null {
  const start = after.match(/^\s*(?:that\s+)?/)![0].length;
  const opening = after.slice(start);
  const named = entitiesIn(opening)[0];
  if (named && named.at <= 4 && named.kind === "institution")
    return discourse.canonical({ ...speakerNameOf(named.phrase), isPerson: false, gender: null });
  const described = opening.match(/^the\s+(\p{Ll}[\p{L}-]*)\b/u);
  return described && isInstitutionNoun(described[1]!) ? discourse.described(`the ${described[1]}`, at) : null;
}

/** A spokesperson's words are their organisation's: named for it, but a person ("he added" is the spokesman). */
function voiceOf(owner: SpeakerName, phrase: string): SpeakerName {
  return { name: owner.name, description: phrase.replace(/^(?:the|a|an)\s+/i, ""), isPerson: true, gender: genderOf(phrase.split(/\s+/)) };
}

/** A description that points back ("the coach", "the former monopoly"), not one that names someone new ("the port authority"). */
function refersBack(phrase: string): boolean {
  const words = phrase.split(/\s+/).slice(1);
  // "the chief executive", "the managing director": words of the role itself count with it.
  const roleWord = (w: string) => isPersonRole(w) || ROLE_MODIFIERS.has(w.toLowerCase());
  return words
    .slice(0, -1)
    .every((w) => DESCRIPTIVE.has(w.toLowerCase()) || roleWord(w) || /^(?:ex|former)-/i.test(w) || /^\d+-year-old$/i.test(w));
}

const ROLE_MODIFIERS = new Set(
  wordList(`
  managing assistant senior junior general executive deputy vice chief head acting associate
`),
);
