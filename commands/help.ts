import { z } from "zod";
import { defineCommand } from "../src/commandKit/command.js";

/** /help: what Citebot does and how to use it. */
export const help = defineCommand({
  definition: { name: "help", description: "How to use Citebot" },
  options: z.object({}),
  run() {
    return {
      kind: "help",
      ephemeral: true,
      commands: [
        {
          usage: "/ask question:<your question>",
          description:
            "Passages from the articles that answer it, quoted word for word, with who said them and where. Add private:True to see the answer alone.",
        },
        {
          usage: "/source id:<passage or article id>",
          description: "A passage with the sentences around it, or an article's card (publisher, date, link, who is quoted).",
        },
        { usage: "/reindex", description: "Moderators: rebuild the index after the corpus changed." },
        {
          usage:
            "/corpus add file:<.txt> [title] [publisher] [url] [published] [replace] · /corpus remove id:<article> · /corpus list [page]",
          description:
            "Moderators: manage the articles; each change is checked first and reindexed at once, and what it removes or replaces is kept for the bot's owner.",
        },
      ],
    };
  },
});
