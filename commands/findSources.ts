import { defineCommand } from "../src/commandKit/command.js";
import { text } from "../src/commandKit/options.js";
import { QUESTION_MAX } from "./ask.js";

/**
 * More than any Discord message holds (4,000 characters of content, 6,000 across its embeds, 4,000
 * of components v2 text): any message is taken, and only its first QUESTION_MAX characters searched.
 */
const MESSAGE_MAX = 100_000;

/**
 * "Find sources" on any Discord message (right-click → Apps), and `find-sources <claim>` in the
 * console and on the command line: the message's text checked against the articles, as a claim.
 * Only its first QUESTION_MAX characters, cut at a word, are searched, and the reply says so.
 */
export const findSources = defineCommand({
  name: "find-sources",
  description: "Check a claim against the articles: the passages that bear on it",
  options: {
    claim: text({
      description: "The claim to check",
      required: true,
      max: MESSAGE_MAX,
      empty: "That message has no text to check: an image or a sticker alone gives Citebot nothing to look up.",
      tooLong: `Claims can be at most ${MESSAGE_MAX.toLocaleString("en-US")} characters.`,
    }),
  },
  help: "The passages of the articles that bear on a claim, quoted word for word with who said them, or that the articles do not cover it. On Discord: right-click any message → Apps → Find sources.",
  localOnly: true,
  messageMenu: { name: "Find sources" },
  ephemeralByDefault: true,
  cooldown: { notice: "You're checking quickly" },
  async run({ claim }, { app, caller, replyExpectedIn }) {
    const checked = claimPart(claim);
    const answer = await app.answer(caller, checked, {}, replyExpectedIn);
    return { kind: "answer", answer, ephemeral: true, claim: { cutAt: checked.length < claim.length ? QUESTION_MAX : null } };
  },
});

/** The claim as the engine takes it: whole when short enough, else its first QUESTION_MAX characters cut at a word. */
export function claimPart(claim: string): string {
  const flat = claim.replace(/\s+/g, " ").trim();
  if (flat.length <= QUESTION_MAX) return flat;
  return flat.slice(0, QUESTION_MAX + 1).replace(/\s+\S*$/, "") || flat.slice(0, QUESTION_MAX);
}
