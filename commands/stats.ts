import { defineCommand } from "../src/commandKit/command.js";

/** /stats (the console and the command line): what the corpus and the index hold. */
export const stats = defineCommand({
  name: "stats",
  description: "What the corpus and the index hold: articles, passages, speakers, terms",
  help: "What the corpus and the index hold: articles, passages, speakers, index terms, when it was built.",
  localOnly: true,
  run: (_options, { app }) => ({ kind: "stats", stats: app.engine.stats(), ephemeral: true }),
});
