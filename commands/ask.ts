import { DEFAULT_LIMIT, MAX_LIMIT } from "../src/answer/ask.js";
import { defineCommand } from "../src/commandKit/command.js";
import { flag, text, wholeNumber } from "../src/commandKit/options.js";

export const QUESTION_MIN = 3;
export const QUESTION_MAX = 300;

/** /ask question:<text> [private:<bool>]: the best passages, quoted and attributed. */
export const ask = defineCommand({
  name: "ask",
  description: "Ask a question: get passages from the articles, quoted word for word, with who said them",
  options: {
    question: text({
      description: "Your question, e.g. Who brokered the evacuation deal?",
      required: true,
      min: QUESTION_MIN,
      max: QUESTION_MAX,
      tooShort: `Questions need at least ${QUESTION_MIN} characters.`,
      tooLong: `Questions can be at most ${QUESTION_MAX} characters.`,
    }),
    private: flag({ description: "Only you see the answer" }),
    limit: wholeNumber({ description: `How many passages (default ${DEFAULT_LIMIT})`, min: 1, max: MAX_LIMIT, localOnly: true }),
  },
  help: "Passages from the articles that answer it, quoted word for word, with who said them and where.",
  cooldown: { notice: "You're asking quickly" },
  privateOption: "private",
  loggedOption: "question",
  async run({ question, private: isPrivate, limit }, { app, caller, replyExpectedIn }) {
    const answer = await app.answer(caller, question, { limit }, replyExpectedIn);
    return { kind: "answer", answer, ephemeral: isPrivate ?? (await app.settings.get(caller.guildId)).privateAnswers };
  },
});
