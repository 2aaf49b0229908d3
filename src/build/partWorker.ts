import { libraryPartOf } from "../library/build.js";
import type { PartJobs } from "../pool/jobs.js";
import { Moved, serveJobs } from "../pool/serve.js";
import { transferablesOf } from "./parallelBuild.js";

/** Worker thread: builds the library part of the articles it is given, its typed arrays moved to the bot's thread, not copied. */
serveJobs<PartJobs>({
  part({ articles, common }, { progress }) {
    const part = libraryPartOf(articles, common, (done, passages) => progress({ articles: done, passages }));
    return new Moved(part, transferablesOf(part));
  },
});
