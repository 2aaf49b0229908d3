import { MAX_LIMIT } from "../../answer/ask.js";
import { Engine } from "../../answer/engine.js";
import type { Answer } from "../../answer/types.js";
import { loadCorpus } from "../../corpus/load.js";
import { buildLibrary } from "../../library/build.js";
import { type AttributionScores, type CandidateScores, type QaScores, scoreAttribution, scoreCandidates, scoreQa } from "./score.js";
import { AttributionSetSchema, CandidatesSchema, type EvalSet, QaSetSchema, readSet } from "./sets.js";

/** A set's figures: those its files allow (questions, WikiQA-style candidates, attributions). */
export interface Scored {
  set: EvalSet;
  qa: QaScores | null;
  candidates: CandidateScores | null;
  attribution: AttributionScores | null;
}

/** Scores one set against a fresh build of its own corpus. */
export async function score(set: EvalSet): Promise<Scored> {
  const { articles } = await loadCorpus(set.corpusDir);
  const engine = new Engine(buildLibrary(articles), new Date().toISOString(), "eval");
  const questions = set.qaFile ? await readSet(set.qaFile, QaSetSchema) : null;
  // Each question asked once, for as many passages as the engine gives (the limit only cuts the
  // ranked list): WikiQA's protocol ranks a paragraph's every candidate; the other figures, the top 5.
  const asked = new Map<string, Answer>();
  const answerOf = (q: string) => asked.get(q) ?? asked.set(q, engine.ask(q, { limit: MAX_LIMIT })).get(q)!;
  const qa = questions ? scoreQa(questions, (q) => ({ ...answerOf(q), passages: answerOf(q).passages.slice(0, 5) })) : null;
  const candidates =
    questions && set.candidatesFile ? scoreCandidates(questions, await readSet(set.candidatesFile, CandidatesSchema), answerOf) : null;
  const attribution = set.attributionFile
    ? scoreAttribution(await readSet(set.attributionFile, AttributionSetSchema), engine.passages())
    : null;
  return { set, qa, candidates, attribution };
}
