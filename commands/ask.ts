import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { z } from "zod";
import { defineCommand } from "../src/commandKit/command.js";

export const QUESTION_MIN = 3;
export const QUESTION_MAX = 300;

/** /ask question:<text> [private:<bool>]: the best passages, quoted and attributed. */
export const ask = defineCommand({
  definition: {
    name: "ask",
    description: "Ask a question: get passages from the articles, quoted word for word, with who said them",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: "question",
        description: "Your question, e.g. Who brokered the evacuation deal?",
        required: true,
        min_length: QUESTION_MIN,
        max_length: QUESTION_MAX,
      },
      { type: ApplicationCommandOptionType.Boolean, name: "private", description: "Only you see the answer" },
    ],
  },
  options: z.object({
    question: z
      .string()
      .trim()
      .min(QUESTION_MIN, `Questions need at least ${QUESTION_MIN} characters.`)
      .max(QUESTION_MAX, `Questions can be at most ${QUESTION_MAX} characters.`),
    private: z.boolean().optional(),
  }),
  help: "Passages from the articles that answer it, quoted word for word, with who said them and where. Add private to see the answer alone.",
  cooldown: { notice: "You're asking quickly" },
  privateOption: "private",
  run({ question, private: isPrivate }, { app }) {
    return { kind: "answer", answer: app.engine.ask(question), ephemeral: isPrivate === true };
  },
});
