import { attributeSpeakers } from "../../src/attribution/speakers.js";
import { passagesOf } from "../../src/passages/split.js";

/** Each sentence's speaker, in order, as the pipeline attributes them in an article of that text. */
export function speakersOf(text: string): (string | null)[] {
  return attributeSpeakers(text, passagesOf({ id: "t", text })).map((a) => a.speaker);
}
