import { indexTerm } from "./terms.js";

/**
 * Near-synonyms that news copy and the people asking about it use for the same thing. A question's
 * word also searches its group (at a lower weight), so "hurt" finds "injuries" and "talks" finds
 * "negotiations". Words, not stems: they are stemmed once, below.
 */
const GROUPS = [
  "hurt injured injuries injury wounded casualties",
  "killed dead deadly died death deaths fatalities toll",
  "worried worry worries fear fears feared concern concerns concerned afraid scared alarm",
  "stopped stop halted halt suspended suspend paused blocked",
  "divided division split carved partitioned",
  "talks negotiations negotiate negotiators",
  "ally allies allied backer backers supporter supporters",
  "rebels rebel insurgents militants fighters opposition",
  "attack attacks offensive assault assaults strikes bombardment shelling",
  "ceasefire truce",
  "agreement deal accord",
  "accept accepted agree agreed",
  "reject rejected refuse refused oppose opposed",
  "react reacted reaction respond responded response",
  "leave leaving flee fleeing fled evacuate evacuation evacuated exit",
  "weapons weaponry arms munitions bombs missiles rockets artillery",
  "town towns village villages",
  "children kids",
  "journalist reporter correspondent",
  "job profession occupation living",
  "army military troops soldiers",
  "government regime",
  "help aid assistance relief",
  "meeting meet summit",
  "camp tent shelter",
];

const groupsByTerm = new Map<string, Set<string>>();
for (const line of GROUPS) {
  const terms = new Set(
    line
      .split(" ")
      .map((w) => indexTerm(w))
      .filter((t): t is string => t !== null),
  );
  for (const term of terms) {
    const merged = groupsByTerm.get(term) ?? new Set<string>();
    for (const t of terms) if (t !== term) merged.add(t);
    groupsByTerm.set(term, merged);
  }
}

/** The index terms that mean about the same as term (not term itself). */
export function synonymsOf(term: string): readonly string[] {
  return [...(groupsByTerm.get(term) ?? [])];
}
