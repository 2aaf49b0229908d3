/** One thing wrong with one file of the corpus, said so that a moderator can fix it. */
export interface CorpusProblem {
  file: string;
  problem: string;
  /** More for the bot's log than a reply shows (a failed build's stack). */
  detail?: string;
}

/** The corpus cannot be loaded: every problem found, not just the first. */
export class CorpusError extends Error {
  constructor(readonly problems: CorpusProblem[]) {
    super(
      `The corpus has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `- ${p.file}: ${p.problem}`).join("\n"),
    );
    this.name = "CorpusError";
  }
}

export const isCorpusError = (error: unknown): error is CorpusError => error instanceof CorpusError;
