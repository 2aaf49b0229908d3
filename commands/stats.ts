import { defineCommand } from "../src/commandKit/command.js";

/** /stats (the console and the command line): what the corpus and the index hold. */
export const stats = defineCommand({
  name: "stats",
  description: "What the corpus and the index hold: articles, passages, speakers, terms",
  help: "What the corpus and the index hold: articles, passages, speakers, index terms, when it was built.",
  localOnly: true,
  async run(_options, { app, caller }) {
    const corpus = await app.corpusFor(caller.guildId, { create: false });
    return { kind: "stats", stats: (corpus ?? app.shared).engine.stats(), ephemeral: true };
  },
});
