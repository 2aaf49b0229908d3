import type { ExtractJobs } from "../pool/jobs.js";
import { serveJobs } from "../pool/serve.js";
import { extractArticle } from "./extract.js";
import { LinkError } from "./safeFetch.js";

/**
 * Worker thread: takes the article out of a fetched page, off the bot's event loop. The pool gives
 * it a deadline and a memory limit, and a fresh thread for every page: a hostile page ends its own
 * thread, never the bot.
 */
serveJobs<ExtractJobs>({
  extract({ html, url }) {
    try {
      return { article: extractArticle(html, url) };
    } catch (error) {
      if (error instanceof LinkError) return { refused: error.prose };
      throw error;
    }
  },
});
