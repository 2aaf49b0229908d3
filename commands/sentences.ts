import { defineCommand } from "../src/commandKit/command.js";

/** sentences (the console and the command line): every indexed passage, for checking the split and the speakers. */
export const sentences = defineCommand({
  name: "sentences",
  description: "Every indexed passage: its id, speaker and text",
  help: "Every indexed passage, one a line: its id, its speaker and its text (with --json on the command line, every field).",
  localOnly: true,
  run: async (_options, { app, caller }) => ({
    kind: "passages",
    passages: (await app.scopeFor(caller.guildId)).passages(),
    ephemeral: true,
  }),
});
