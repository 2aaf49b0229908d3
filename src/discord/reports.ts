import { shorten } from "../render/parts.js";
import { codeSpan, fitLines } from "./compose.js";
import { MAX_CONTENT_LENGTH } from "./limits.js";
import { escapeMarkdown } from "./markdown.js";

/** One report of a wrong speaker or quote, on its way to a server's reports channel. */
export interface Report {
  reporter: string;
  passageId: string;
  speaker: string | null;
  text: string;
}

/** How long a reported quote is shown in a message of its own. */
const QUOTE_SHOWN = 1_500;

/**
 * The message a reports channel gets: one report with its quote, or, when several came together, a
 * digest of a line each (as many as fit, then how many more; every one is in the audit log).
 */
export function reportMessage(reports: readonly Report[], dropped: number): string {
  const attributed = (r: Report) => (r.speaker ? ` (attributed to ${escapeMarkdown(r.speaker)})` : "");
  if (reports.length === 1 && dropped === 0) {
    const [r] = reports as [Report];
    return `**Report:** <@${r.reporter}> says the speaker or quote of passage ${codeSpan(r.passageId)}${attributed(r)} is wrong:\n> ${escapeMarkdown(shorten(r.text.replace(/\s+/g, " "), QUOTE_SHOWN))}`;
  }
  const total = reports.length + dropped;
  const heading = `**${total} reports** of a wrong speaker or quote came in together:`;
  const lines = reports.map((r) => `- <@${r.reporter}> on ${codeSpan(r.passageId)}${attributed(r)}`);
  const more = (n: number) => `…and ${n} more (every one is in the bot's audit log).`;
  // Reports only counted come last, as a line of their own; when lines are left out, one line counts them all.
  const all = dropped > 0 ? [...lines, more(dropped)] : lines;
  const left = (n: number) => more(dropped > 0 ? n - 1 + dropped : n);
  return `${heading}\n${fitLines(all, MAX_CONTENT_LENGTH - heading.length - 1, left)}`;
}
