import { problemsForReply, proseForReply, withoutHostPaths } from "../src/app/hostPaths.js";
import type { ReindexOutcome } from "../src/app/reindexer.js";
import type { Folders } from "../src/build/open.js";
import { describeProgress } from "../src/build/progress.js";
import { type CommandContext, defineCommand } from "../src/commandKit/command.js";
import { notice, type Reply } from "../src/commandKit/reply.js";
import type { CorpusProblem } from "../src/corpus/errors.js";
import { summariseWarnings } from "../src/corpus/warnings.js";
import { ProseError } from "../src/prose.js";

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
    let joined = false;
    let outcome: ReindexOutcome;
    let folders: Folders = app.folders;
    try {
      app.serverQuotas.takeEdit(caller.guildId);
      outcome = await app.manage(caller.guildId, (corpus) => {
        folders = corpus.folders;
        joined = corpus.reindexing;
        if (joined) progress?.("A reindex is already running; its result will appear here when it ends.", { now: true });
        return corpus.reindex((p) => progress?.(describeProgress(p)));
      });
    } catch (error) {
      if (!(error instanceof ProseError)) throw error;
      audit?.({ action: "reindex", result: `rejected: ${error.message}` });
      return notice("error", proseForReply(error.prose, folders));
    }
    if (!outcome.ok) {
      audit?.({ action: "reindex", result: `failed: ${outcome.problems.length} problem(s), previous index kept` });
      return reindexFailed(outcome.problems, folders, context);
    }
    audit?.({
      action: "reindex",
      result: `done: ${outcome.articles} articles, ${outcome.passages} passages${joined ? " (joined a running reindex)" : ""}`,
    });
    return { kind: "reindexed", report: reindexReport(outcome, folders, joined), ephemeral: true };
  },
});

/** A failed reindex: every problem in the log, as many as fit in the reply (without the host's paths). */
export function reindexFailed(problems: CorpusProblem[], folders: Folders, { log }: CommandContext): Reply {
  for (const p of problems) log?.("corpus problem", { file: p.file, problem: p.problem, ...(p.detail ? { detail: p.detail } : {}) });
  return { kind: "reindex-failed", problems: problemsForReply(problems, folders), ephemeral: true };
}

/** What a reindex reports, its warnings without the host's paths. */
export function reindexReport(
  outcome: Extract<ReindexOutcome, { ok: true }>,
  folders: Folders,
  joined: boolean,
): Extract<Reply, { kind: "reindexed" }>["report"] {
  const { articles, passages, milliseconds, changes, warnings, saved } = outcome;
  return {
    articles,
    passages,
    milliseconds,
    changes,
    warnings: summariseWarnings(warnings).map((w) => withoutHostPaths(w, folders)),
    joined,
    saved,
  };
}
