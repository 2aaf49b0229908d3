import { wordList } from "../wordList.js";

/** Words that end in a full stop without ending a sentence ("Mr. Smith", "Gen. Aoun"). Lower case. */
export const TITLE_ABBREVIATIONS = new Set(
  wordList(`
  mr mrs ms mx dr prof rev fr sr jr st hon gen lt col maj capt cpt cmdr adm brig sgt cpl pvt gov sen rep pres supt insp
  det amb sec messrs mt ft vs cf approx est dept univ assn no
`),
);

/** Month abbreviations: "Dec. 15" goes on, "in Dec. The" may end a sentence. */
export const MONTH_ABBREVIATIONS = new Set(["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]);

/**
 * US states as AP style abbreviates them after a city ("SALEM, Ore. (AP) —", "Portland, Ore., said"):
 * a sentence ends after one only before a word that opens sentences. Lower case; the two-letter ones
 * with stops ("N.Y.") are acronyms already.
 */
export const STATE_ABBREVIATIONS = new Set(
  wordList(`
  ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex
  va vt wash wis wyo
`),
);

/**
 * Words that, after an ambiguous full stop ("the U.N.", "Apple Inc."), show that a new sentence has
 * begun: an acronym is far more often followed by a name than by one of these.
 */
export const SENTENCE_OPENERS = new Set(
  wordList(`
  the a an he she it they we i you his her its their our this that these those there but and or so yet however meanwhile
  in on at after before when while if as since although though some many most one two three no not what why how who
  where last earlier later
`),
);
