import { describeProgress } from "../src/build/progress.js";
import { type CommandContext, defineCommand } from "../src/commandKit/command.js";
import type { Reply } from "../src/commandKit/reply.js";
import type { CorpusProblem } from "../src/corpus/errors.js";
import { summariseWarnings } from "../src/corpus/warnings.js";

/** /reindex (moderators): rebuild the index from the corpus folder. */
export const reindex = defineCommand({
  name: "reindex",
  description: "Moderators: rebuild the index from the corpus folder",
  help: "Moderators: rebuild the index of the articles this server manages after they changed.",
  moderatorsOnly: { refusal: "Only moderators can reindex: you need the Manage Server permission or a moderator role." },
  slow: true,
  ephemeralByDefault: true,
  async run(_options, context) {
    const { app, caller, audit, progress } = context;
    const corpus = (await app.corpusFor(caller.guildId))!;
    const joined = corpus.reindexing;
    if (joined) progress?.("A reindex is already running; its result will appear here when it ends.", { now: true });
    const outcome = await corpus.reindex((p) => progress?.(describeProgress(p)));
    if (!outcome.ok) {
      audit?.({ action: "reindex", result: `failed: ${outcome.problems.length} problem(s), previous index kept` });
      return reindexFailed(outcome.problems, context);
    }
    const { articles, passages, milliseconds, changes, warnings, saved } = outcome;
    audit?.({
      action: "reindex",
      result: `done: ${articles} articles, ${passages} passages${joined ? " (joined a running reindex)" : ""}`,
    });
    return {
      kind: "reindexed",
      report: { articles, passages, milliseconds, changes, warnings: summariseWarnings(warnings), joined, saved },
      ephemeral: true,
    };
  },
});

/** A failed reindex: every problem in the log, as many as fit in the reply. */
export function reindexFailed(problems: CorpusProblem[], { log }: CommandContext): Reply {
  for (const p of problems) log?.("corpus problem", { file: p.file, problem: p.problem });
  return { kind: "reindex-failed", problems, ephemeral: true };
}
