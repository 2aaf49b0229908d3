import type { FingerprintJobs } from "../pool/jobs.js";
import { serveJobs } from "../pool/serve.js";
import { fingerprintCorpusFolder } from "../store/fingerprint.js";
import { pipelineVersion } from "../store/pipelineVersion.js";

/** Worker thread: the corpus folder's fingerprint, worked out while the bot's thread loads the snapshot. */
serveJobs<FingerprintJobs>({
  fingerprint: ({ corpusDir }) => fingerprintCorpusFolder(corpusDir, pipelineVersion()),
});
