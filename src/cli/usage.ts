export const USAGE = `Usage: npm run --silent cli -- <command> [options]

Commands:
  ask "<question>" [--json] [--limit N]   the best passages for a question (N: 1-25, default 5)
  ask --json [--limit N]                  one question per line on standard input, one JSON object per line out
  source <id> [--json]                    a passage (with the sentences around it) or an article, by id
  sentences [--json]                      every indexed passage, one per line
  reindex [--json]                        rebuild the index from the corpus folder
  stats [--json]                          what is indexed
  help                                    this text

Environment: CORPUS_DIR (default ./corpus), DATA_DIR (default ./data).`;

/** A mistake in how the CLI was called: the message and the usage go to stderr, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
