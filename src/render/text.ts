import type { SourceResult } from "../answer/source.js";
import type { Answer, QuotedPassage } from "../answer/types.js";
import type { MetadataOutcome } from "../app/corpusFiles.js";
import type { ServerSettings } from "../app/serverSettings.js";
import type { ArticlePage, Reply } from "../commandKit/reply.js";
import type { ArticleCard } from "../library/articleCard.js";
import { consoleCommand, type LocalSyntax, plainProse } from "../prose.js";
import { invisibleNote, markInvisible, showsMarks } from "./invisible.js";
import { channelOf, FROM_SERVER, quoteLines, shorten, speakerOf, textFragmentUrl } from "./parts.js";

/** "Ana Ruiz (quoted; Ana Ruiz, a nurse at the clinic)": who said it, as the article describes them ("probably Ana Ruiz" when worked out from "she"). */
export function speakerLine(p: QuotedPassage): string | null {
  const who = speakerOf(p);
  if (!who) return null;
  const name = who.probably ? `probably ${who.name}` : who.name;
  return markInvisible(who.description ? `${name} (${who.how}; ${who.description})` : `${name} (${who.how})`);
}

/** "Title", Publisher (a Reuters report), 2016-12-15: the article a quote comes from. */
export function articleLine(a: ArticleCard): string {
  const title = a.titleIsWorking ? `${a.title} [working title]` : a.title;
  const channel = channelOf(a);
  const via = !channel ? "" : "wire" in channel ? ` (a ${channel.wire} report)` : ` (reporting ${channel.reporting})`;
  const parts = [`"${title}"`, a.publisher ? `${a.publisher}${via}` : "publisher unknown", a.published ?? "date unknown"];
  return markInvisible(parts.join(", ") + (a.fromServer ? ` (${FROM_SERVER})` : ""));
}

export function renderAnswerText(answer: Answer): string {
  const lines: string[] = [];
  if (answer.answered) {
    const answering = answer.passages.filter((p) => p.relevance === "answer").length;
    lines.push(`Answer from the articles (${answering} passage${answering === 1 ? "" : "s"}):`);
  } else {
    lines.push(answer.reason ?? "The articles do not answer this.");
    if (answer.passages.length > 0) lines.push("", "Related passages (not an answer):");
  }
  answer.passages.forEach((p, i) => {
    const article = answer.articles[p.article]!;
    if (answer.answered && p.relevance === "related" && answer.passages[i - 1]?.relevance === "answer") lines.push("", "Related passages:");
    lines.push("");
    for (const c of p.context.before) lines.push(`   (before) ${markInvisible(c.text)}`);
    lines.push(`${i + 1}. ${quoteLines(markInvisible(p.text), "").trimStart()}`);
    for (const c of p.context.after) lines.push(`   (after) ${markInvisible(c.text)}`);
    const who = speakerLine(p);
    if (who) lines.push(`   Said by: ${who}`);
    lines.push(`   Source: ${articleLine(article)}, paragraph ${p.paragraph}, sentence ${p.sentence}`);
    if (article.url) lines.push(`   Link: ${article.url}`);
    const atQuote = article.url ? textFragmentUrl(article.url, p.text) : null;
    if (atQuote) lines.push(`   At the quote: ${atQuote}`);
    lines.push(`   Passage id: ${p.id}`);
  });
  return withMarksNoted(lines, "articles");
}

/** The lines, and a note after them when they show marks for invisible or direction-changing characters. */
function withMarksNoted(lines: string[], holder: "article" | "articles"): string {
  const text = lines.join("\n");
  return showsMarks(text) ? `${text}\n\n${invisibleNote(holder)}` : text;
}

function renderSourceText(result: Exclude<SourceResult, { kind: "not-found" }>): string {
  if (result.kind === "article") {
    const a = result.article;
    const lines = [articleLine(a), `Article id: ${a.id}`, `Passages: ${a.passageCount}`];
    if (a.url) lines.push(`Link: ${a.url}`);
    if (result.speakers.length > 0) {
      lines.push("Quoted or cited:");
      for (const s of result.speakers) lines.push(`  ${markInvisible(s.name)} (${s.passages} passage${s.passages === 1 ? "" : "s"})`);
    }
    if (result.opening) lines.push("Opens:", `> ${markInvisible(result.opening.text)}`);
    return withMarksNoted(lines, "article");
  }
  const p = result.passage;
  const lines = [`Passage ${p.id}: paragraph ${p.paragraph}, sentence ${p.sentence} (characters ${p.start}–${p.end})`, ""];
  for (const c of result.before) lines.push(`  ${markInvisible(c.text)}`);
  lines.push(`> ${markInvisible(p.text)}`);
  for (const c of result.after) lines.push(`  ${markInvisible(c.text)}`);
  lines.push("");
  const who = speakerLine(p);
  if (who) lines.push(`Said by: ${who}`);
  lines.push(`Source: ${articleLine(result.article)}`);
  if (result.article.url) lines.push(`Link: ${result.article.url}`);
  const atQuote = result.article.url ? textFragmentUrl(result.article.url, p.text) : null;
  if (atQuote) lines.push(`At the quote: ${atQuote}`);
  return withMarksNoted(lines, "article");
}

/** A reply as the local console prints it, or the command line (whose commands are typed without the slash). */
export function renderReplyText(reply: Reply, syntax: LocalSyntax = "console"): string {
  switch (reply.kind) {
    case "answer": {
      if (!reply.claim) return renderAnswerText(reply.answer);
      const cut = reply.claim.cutAt ? ` (its first ${reply.claim.cutAt} characters)` : "";
      const claim = markInvisible(reply.answer.question);
      const marks = showsMarks(claim) ? `\n${invisibleNote("claim")}` : "";
      const verdict = reply.answer.answered ? "" : "\nThe articles do not cover this claim.";
      return `Checking the claim${cut}: "${claim}"${marks}${verdict}\n\n${renderAnswerText(reply.answer)}`;
    }
    case "passage":
    case "article":
      return renderSourceText(reply.result);
    case "notice": {
      const lines = [plainProse(reply.text, syntax)];
      for (const s of reply.suggestions ?? []) lines.push(`  ${s.id}  ${shorten(markInvisible(s.label), 70)}`);
      return lines.join("\n");
    }
    case "reindexed": {
      const { articles, passages, milliseconds, changes, warnings, joined, saved } = reply.report;
      const lines = [
        `${joined ? "A reindex was already running; its result: " : ""}Reindexed ${articles} articles, ${passages} passages in ${Math.round(milliseconds)} ms${saved ? "" : ", but the index could not be saved"}.`,
        `Changes since the last index: ${describeChanges(changes)}.`,
      ];
      for (const w of warnings) lines.push(`warning: ${w}`);
      return lines.join("\n");
    }
    case "reindex-failed":
      return ["Reindex failed; still answering from the previous index.", ...reply.problems.map((p) => `- ${p.file}: ${p.problem}`)].join(
        "\n",
      );
    case "help":
      return reply.commands.map((c) => `${c.usage}\n    ${c.description}`).join("\n");
    case "stats":
      return Object.entries(reply.stats)
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n");
    case "passages":
      return reply.passages.map((p) => `${p.id}\t${p.speaker ?? ""}\t${p.text}`).join("\n");
    case "corpus-list": {
      const { articles, page, pages, total } = reply.list;
      const lines = [pageHeading(reply.list), ...articles.map((a) => `  ${a.id}  ${articleLine(a)}, ${a.passageCount} passages`)];
      if (page < pages)
        lines.push(
          `(${total - page * reply.list.pageSize} more: ${consoleCommand({ name: "corpus", subcommand: "list", options: { page: page + 1 } }, syntax)})`,
        );
      return withMarksNoted(lines, "articles");
    }
    case "corpus-edited": {
      const { id, action, report, metadata, trash } = reply.edit;
      const { articles, passages, milliseconds, changes, warnings } = report;
      const lines = [
        `Article ${id} ${action}. Reindexed ${articles} articles, ${passages} passages in ${Math.round(milliseconds)} ms (changes: ${describeChanges(changes)}).`,
      ];
      const kept = describeMetadata(metadata);
      if (kept) lines.push(kept);
      if (trash) lines.push(`The old version is kept in ${trash}.`);
      for (const w of warnings) lines.push(`warning: ${w}`);
      return lines.join("\n");
    }
    case "settings": {
      const { reports, answers } = describeSettings(reply.settings);
      return [`${reply.changed.length > 0 ? "Settings saved" : "Settings"}:`, `  Reports: ${reports}`, `  Answers: ${answers}`].join("\n");
    }
  }
}

/** Said of a server's empty list of its own articles: the shared ones answer there all the same. */
export const SHARED_STILL_ANSWER = "The shared articles still answer questions here.";

/** "Articles 21–40 of 3,001 (page 2 of 151):", or "2 articles:" when they fit one page. */
export function pageHeading({ page, pages, pageSize, total, articles, owner }: ArticlePage): string {
  const whose = owner === "server" ? "This server's own articles" : "Articles";
  if (total === 0) return owner === "server" ? "This server has no articles of its own yet." : "The corpus is empty.";
  if (pages === 1) return `${owner === "server" ? `${whose}: ` : ""}${total.toLocaleString("en-US")} article${total === 1 ? "" : "s"}:`;
  const first = (page - 1) * pageSize + 1;
  return `${whose} ${first.toLocaleString("en-US")}–${(first + articles.length - 1).toLocaleString("en-US")} of ${total.toLocaleString("en-US")} (page ${page} of ${pages}):`;
}

/** What became of an edited article's metadata, when the moderator should hear it; null otherwise. */
export function describeMetadata(metadata: MetadataOutcome): string | null {
  if (metadata.kind !== "kept") return null;
  const m = metadata.metadata;
  const values: Record<string, string> = { title: `"${m.title}"`, publisher: m.publisher, published: m.published, url: m.url };
  return `Metadata kept from the version replaced: ${metadata.keptFields.map((f) => `${f} ${values[f]}`).join(", ")}.`;
}

/** "1 added (x), passages 54 → 60", or "none". */
export function describeChanges(changes: {
  added: string[];
  removed: string[];
  changed: string[];
  passagesBefore: number;
  passagesAfter: number;
}): string {
  const parts = [
    changes.added.length ? `${changes.added.length} added (${changes.added.join(", ")})` : "",
    changes.removed.length ? `${changes.removed.length} removed (${changes.removed.join(", ")})` : "",
    changes.changed.length ? `${changes.changed.length} changed (${changes.changed.join(", ")})` : "",
  ].filter(Boolean);
  const passages = changes.passagesBefore === changes.passagesAfter ? "" : `passages ${changes.passagesBefore} → ${changes.passagesAfter}`;
  return [...parts, passages].filter(Boolean).join("; ") || "none";
}

/** A server's settings in words: where its reports go, and who sees its answers. */
export function describeSettings(settings: ServerSettings): { reports: string; answers: string } {
  return {
    reports: settings.reportsChannelId
      ? `posted in channel ${settings.reportsChannelId}`
      : "kept in the bot's log only (no channel chosen)",
    answers: settings.privateAnswers
      ? "private to whoever asks, unless they ask with private:False"
      : "seen by everyone, unless the asker chooses private:True",
  };
}
