import type { Reply } from "../commandKit/reply.js";
import { plainProse } from "../prose.js";

/**
 * A reply as the command line's `--json` prints it: one JSON value a line (`sentences` gives every
 * passage its own line, so `| wc -l` counts them and a stream reader takes them one by one).
 */
export function* replyJsonLines(reply: Reply): Generator<string> {
  switch (reply.kind) {
    case "answer":
      yield JSON.stringify(reply.claim ? { ...reply.answer, claim: reply.claim } : reply.answer);
      return;
    case "passage":
    case "article":
      yield JSON.stringify(reply.result);
      return;
    case "passages":
      for (const p of reply.passages) yield JSON.stringify(p);
      return;
    case "stats":
      yield JSON.stringify(reply.stats);
      return;
    case "reindexed":
      yield JSON.stringify({ ok: reply.report.saved, ...reply.report, milliseconds: Math.round(reply.report.milliseconds) });
      return;
    case "reindex-failed":
      yield JSON.stringify({ ok: false, error: "reindex failed", problems: reply.problems });
      return;
    case "corpus-list":
      yield JSON.stringify(reply.list);
      return;
    case "corpus-edited":
      yield JSON.stringify({ ok: reply.edit.report.saved, ...reply.edit });
      return;
    case "help":
      yield JSON.stringify({ commands: reply.commands });
      return;
    case "settings":
      yield JSON.stringify({ kind: "settings", settings: reply.settings, changed: reply.changed });
      return;
    case "notice":
      yield JSON.stringify(noticeJson(reply));
  }
}

/** A notice as JSON: its tone, its words as the command line writes them, and any ids it suggests. */
export function noticeJson(reply: Extract<Reply, { kind: "notice" }>) {
  return {
    kind: "notice",
    tone: reply.tone,
    text: plainProse(reply.text, "cli"),
    ...(reply.suggestions ? { suggestions: reply.suggestions } : {}),
  };
}
