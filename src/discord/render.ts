import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIEmbed,
  APIEmbedField,
  APIMessageTopLevelComponent,
} from "discord-api-types/v10";
import { ComponentType, MessageFlags } from "discord-api-types/v10";
import type { SourceResult } from "../answer/source.js";
import type { QuotedPassage } from "../answer/types.js";
import type { ArticlePage, CorpusEdit, ReindexReport, Reply } from "../commandKit/reply.js";
import type { ArticleCard } from "../library/articleCard.js";
import { invisibleNote, showsMarks } from "../render/invisible.js";
import { quoteLines, shorten } from "../render/parts.js";
import { describeChanges, describeMetadata, describeSettings, pageHeading, SHARED_STILL_ANSWER } from "../render/text.js";
import { answerLayout } from "./answerLayout.js";
import { passageButtons } from "./buttons.js";
import { codeSpan, discordCommand, discordProse, fitLines, maskedLink, outsideText } from "./compose.js";
import {
  MAX_ACTION_ROWS,
  MAX_CONTENT_LENGTH,
  MAX_EMBED_DESCRIPTION,
  MAX_EMBED_FIELDS,
  MAX_EMBED_TITLE,
  MAX_EMBEDS,
  MAX_EMBEDS_TOTAL,
  MAX_FIELD_NAME,
  MAX_FIELD_VALUE,
  MAX_FOOTER_TEXT,
} from "./limits.js";
import { escapeMarkdown } from "./markdown.js";
import { articleTitle, speakerLine, whereLine } from "./passageLines.js";

/**
 * A message as Discord's API takes it; every one pings nobody. An answer is laid out with components
 * v2 (its flags say so: no content, no embeds); every other reply is content and embeds.
 */
export type DiscordMessage = EmbedMessage | LayoutMessage;

export interface EmbedMessage {
  content?: string;
  embeds: APIEmbed[];
  /** Rows of buttons. */
  components?: APIActionRowComponent<APIButtonComponent>[];
  flags?: number;
  allowedMentions: { parse: [] };
}

export interface LayoutMessage {
  components: APIMessageTopLevelComponent[];
  /** IsComponentsV2, and Ephemeral when private. */
  flags: number;
  allowedMentions: { parse: [] };
}

export const isLayout = (message: DiscordMessage): message is LayoutMessage => ((message.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;

const COLOR = { answer: 0x3b82f6, notice: 0x6b7280, error: 0xdc2626, ok: 0x16a34a };

export function renderReplyDiscord(reply: Reply): DiscordMessage {
  const ephemeral = reply.ephemeral ? MessageFlags.Ephemeral : 0;
  if (reply.kind === "answer") {
    return {
      components: answerLayout(reply.answer, { claim: reply.claim, privately: reply.ephemeral }),
      flags: MessageFlags.IsComponentsV2 | ephemeral,
      allowedMentions: { parse: [] },
    };
  }
  return fitWithinLimits({ ...render(reply), allowedMentions: { parse: [] }, ...(ephemeral ? { flags: ephemeral } : {}) });
}

/** A line of our own above a message's text (who shared it), in either kind of message. */
export function withLineAbove(message: DiscordMessage, line: string): DiscordMessage {
  if (isLayout(message)) return { ...message, components: [{ type: ComponentType.TextDisplay, content: line }, ...message.components] };
  return { ...message, content: shorten(message.content ? `${line}\n${message.content}` : line, MAX_CONTENT_LENGTH) };
}

function render(reply: Exclude<Reply, { kind: "answer" }>): Omit<EmbedMessage, "allowedMentions"> {
  switch (reply.kind) {
    case "passage": {
      const { passage, article } = reply.result;
      const buttons = passageButtons(passage, article, { privately: reply.ephemeral, context: false });
      return { embeds: [renderPassage(reply.result)], ...(buttons ? { components: [buttons] } : {}) };
    }
    case "article":
      return { embeds: [renderArticle(reply.result)] };
    case "notice": {
      const suggestions = (reply.suggestions ?? []).map((s) => `${codeSpan(s.id)} ${outsideText(s.label, { oneLine: true, max: 80 })}`);
      const text = discordProse(reply.text);
      return {
        content: [text, fitLines(suggestions, MAX_CONTENT_LENGTH - text.length - 1, (n) => `…and ${n} more`)].filter(Boolean).join("\n"),
        embeds: [],
      };
    }
    case "reindexed":
      return { embeds: [reportEmbed(reply.report.joined ? "Reindexed (joined the reindex already running)" : "Reindexed", reply.report)] };
    case "reindex-failed":
      return {
        embeds: [
          {
            title: "Reindex failed: still answering from the previous index",
            color: COLOR.error,
            description: fitLines(
              reply.problems.map((p) => `${codeSpan(p.file)}: ${escapeMarkdown(p.problem)}`),
              MAX_EMBED_DESCRIPTION,
              (n) => `…and ${n.toLocaleString("en-US")} more problem${n === 1 ? "" : "s"}: every one is in the bot's log.`,
            ),
          },
        ],
      };
    case "corpus-list":
      return { embeds: [listEmbed(reply.list)] };
    case "corpus-edited":
      return { embeds: [editEmbed(reply.edit)] };
    case "settings": {
      const { reports, answers } = describeSettings(reply.settings);
      const channel = reply.settings.reportsChannelId;
      return {
        embeds: [
          {
            title: reply.changed.length > 0 ? "This server's settings, saved" : "This server's settings",
            color: reply.changed.length > 0 ? COLOR.ok : COLOR.notice,
            fields: [
              { name: "Reports of a wrong speaker or quote", value: channel ? `posted in <#${channel}>` : escapeMarkdown(reports) },
              { name: "Answers", value: escapeMarkdown(answers) },
            ],
            footer: { text: "Change them with /settings reports and /settings answers." },
          },
        ],
      };
    }
    case "help":
      return {
        embeds: [
          {
            title: "Citebot",
            color: COLOR.notice,
            description:
              "Answers questions from the news articles in its corpus, quoting them word for word and saying who said what and where it was published. When the articles don't answer, it says so.",
            fields: reply.commands.map((c) => ({
              name: c.usage,
              value: c.mentions ? `${c.mentions.join(" · ")}\n${c.description}` : c.description,
            })),
          },
        ],
      };
    case "stats":
      return {
        embeds: [
          {
            title: "Corpus and index",
            color: COLOR.notice,
            fields: Object.entries(reply.stats).map(([name, value]) => ({ name, value: codeSpan(String(value)), inline: true })),
          },
        ],
      };
    case "passages":
      return {
        embeds: [
          {
            title: `${reply.passages.length.toLocaleString("en-US")} passages`,
            color: COLOR.notice,
            description: fitLines(
              reply.passages.map((p) => `${codeSpan(p.id)} ${outsideText(p.text, { max: 120 })}`),
              MAX_EMBED_DESCRIPTION,
              (n) => `…and ${n.toLocaleString("en-US")} more`,
            ),
          },
        ],
      };
  }
}

/** A reindex's outcome: counts, time, what changed since the last index, any warnings. */
function reportEmbed(title: string, r: ReindexReport, extra: APIEmbedField[] = []): APIEmbed {
  return {
    title,
    color: COLOR.ok,
    fields: [
      { name: "Articles", value: String(r.articles), inline: true },
      { name: "Passages", value: String(r.passages), inline: true },
      { name: "Time", value: `${Math.round(r.milliseconds)} ms`, inline: true },
      { name: "Changes since the last index", value: escapeMarkdown(describeChanges(r.changes)) },
      ...extra,
      ...(r.warnings.length > 0
        ? [{ name: "Warnings", value: fitLines(r.warnings.map(escapeMarkdown), MAX_FIELD_VALUE, (n) => `…and ${n} more`) }]
        : []),
    ],
  };
}

function editEmbed(edit: CorpusEdit): APIEmbed {
  const kept = describeMetadata(edit.metadata);
  return reportEmbed(`Article ${edit.id} ${edit.action}`, edit.report, [
    ...(kept ? [{ name: "Metadata", value: escapeMarkdown(kept) }] : []),
    ...(edit.trash ? [{ name: "Old version kept in", value: codeSpan(edit.trash) }] : []),
  ]);
}

/** A page of the corpus's articles; the next page's command when there are more. */
function listEmbed(list: ArticlePage): APIEmbed {
  const line = (a: ArticleCard) => {
    const title = outsideText(a.title, { oneLine: true, max: 80 });
    const publisher = outsideText(a.publisher ?? "publisher unknown", { max: 40 });
    return `${codeSpan(shorten(a.id, 40))} ${a.url ? maskedLink(title, a.url) : title} · ${publisher} · ${a.published ?? "date unknown"} · ${a.passageCount} passages`;
  };
  // A footer is plain text: the command as typed, without markdown.
  const next =
    list.page < list.pages ? ` · next: ${discordCommand({ name: "corpus", subcommand: "list", options: { page: list.page + 1 } })}` : "";
  const empty = list.owner === "server" ? SHARED_STILL_ANSWER : "The corpus is empty.";
  return withMarksNoted(
    {
      title: pageHeading(list).replace(/:$/, ""),
      color: COLOR.notice,
      description: fitLines(list.articles.map(line), MAX_EMBED_DESCRIPTION, (n) => `…and ${n} more on this page`) || empty,
      ...(list.pages > 1 ? { footer: { text: `Page ${list.page} of ${list.pages}${next}` } } : {}),
    },
    "articles",
  );
}

/** The embed with a note in its footer when it shows marks for invisible or direction-changing characters. */
function withMarksNoted(embed: APIEmbed, holder: "article" | "articles"): APIEmbed {
  const shown = [embed.title, embed.description, ...(embed.fields ?? []).map((f) => f.value), embed.footer?.text];
  if (!shown.some((text) => text !== undefined && showsMarks(text))) return embed;
  return { ...embed, footer: { text: [embed.footer?.text, invisibleNote(holder)].filter(Boolean).join("\n") } };
}

function renderPassage(result: Extract<SourceResult, { kind: "passage" }>): APIEmbed {
  const { passage: p, article } = result;
  const around = (list: QuotedPassage[]) => list.map((c) => outsideText(c.text, { oneLine: true, max: 500 }));
  const description = [...around(result.before), quoteLines(outsideText(p.text)), ...around(result.after)].join("\n");
  const fields: APIEmbedField[] = [];
  const who = speakerLine(p);
  if (who) fields.push({ name: "Said by", value: who.replace(/^— /, "") });
  fields.push({
    name: "Article",
    value: article.url ? maskedLink(escapeMarkdown(articleTitle(article)), article.url) : escapeMarkdown(articleTitle(article)),
  });
  return withMarksNoted(
    {
      title: `Passage ${p.id}`,
      ...(article.url ? { url: article.url } : {}),
      color: COLOR.answer,
      description:
        description.length <= MAX_EMBED_DESCRIPTION ? description : quoteLines(outsideText(p.text, { max: MAX_EMBED_DESCRIPTION - 10 })),
      fields,
      footer: { text: shorten(whereLine(article, p), MAX_FOOTER_TEXT) },
    },
    "article",
  );
}

function renderArticle(result: Extract<SourceResult, { kind: "article" }>): APIEmbed {
  const a = result.article;
  const fields: APIEmbedField[] = [
    { name: "Publisher", value: outsideText(a.publisher ?? "unknown"), inline: true },
    { name: "Published", value: a.published ?? "unknown", inline: true },
    { name: "Passages", value: String(a.passageCount), inline: true },
  ];
  if (a.wireService) fields.push({ name: "Wire service", value: outsideText(a.wireService), inline: true });
  if (a.originalOutlet) fields.push({ name: "Original outlet", value: outsideText(a.originalOutlet), inline: true });
  if (result.speakers.length > 0) {
    fields.push({ name: "Quoted or cited", value: result.speakers.map((s) => `${outsideText(s.name)} (${s.passages})`).join(", ") });
  }
  return withMarksNoted(
    {
      title: articleTitle(a),
      ...(a.url ? { url: a.url } : {}),
      color: COLOR.answer,
      ...(result.opening ? { description: quoteLines(outsideText(result.opening.text, { max: 1000 })) } : {}),
      fields,
      footer: { text: `Article id ${a.id}` },
    },
    "article",
  );
}

/**
 * Keeps a message of embeds inside every Discord limit: fields and embeds capped, long values
 * shortened at a sentence or word boundary, and whole trailing embeds dropped (with a note) rather
 * than cut mid-quote.
 */
export function fitWithinLimits(message: EmbedMessage): EmbedMessage {
  const embeds = message.embeds.slice(0, MAX_EMBEDS).map((e) => ({
    ...e,
    ...(e.title ? { title: shorten(e.title, MAX_EMBED_TITLE) } : {}),
    ...(e.description ? { description: shorten(e.description, MAX_EMBED_DESCRIPTION) } : {}),
    ...(e.fields
      ? {
          fields: e.fields
            .slice(0, MAX_EMBED_FIELDS)
            .map((f) => ({ ...f, name: shorten(f.name, MAX_FIELD_NAME), value: shorten(f.value, MAX_FIELD_VALUE) || "-" })),
        }
      : {}),
    ...(e.footer ? { footer: { ...e.footer, text: shorten(e.footer.text, MAX_FOOTER_TEXT) } } : {}),
  }));
  const kept: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const size = embedSize(embed);
    if (total + size > MAX_EMBEDS_TOTAL) break;
    kept.push(embed);
    total += size;
  }
  let content = message.content;
  const dropped = message.embeds.length - kept.length;
  if (dropped > 0) content = `${content ?? ""}\n-# ${dropped} more did not fit.`.trimStart();
  return {
    ...message,
    ...(content !== undefined ? { content: shorten(content, MAX_CONTENT_LENGTH) } : {}),
    embeds: kept,
    ...(message.components ? { components: message.components.slice(0, MAX_ACTION_ROWS) } : {}),
  };
}

export function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}
