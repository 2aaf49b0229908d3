import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from "discord-api-types/v10";
import type { QuotedPassage } from "../answer/types.js";
import type { ArticleCard } from "../library/articleCard.js";
import { textFragmentUrl } from "../render/parts.js";

import { MAX_BUTTON_URL, MAX_CUSTOM_ID } from "./limits.js";

/**
 * Buttons on an answer: each passage's own, and the answer's Report. Their ids are versioned and
 * carry what they need (`cb1:ctx:<passage id>`), so a click works after a restart and in any shard,
 * with no collector waiting: the click is a new interaction, answered from the id alone.
 */
export const BUTTON_VERSION = "cb1";

export type ButtonAction = { kind: "context" | "post" | "report"; passageId: string };

const KIND_CODES = { context: "ctx", post: "post", report: "rep" } as const;
const KINDS = Object.fromEntries(Object.entries(KIND_CODES).map(([kind, code]) => [code, kind])) as Record<string, ButtonAction["kind"]>;

export function buttonId(action: ButtonAction): string {
  return `${BUTTON_VERSION}:${KIND_CODES[action.kind]}:${action.passageId}`;
}

/** What a clicked button asks for; null for an id of another version or kind (an old message's). */
export function parseButtonId(customId: string): ButtonAction | null {
  const match = customId.match(/^cb1:([a-z]+):(.+)$/);
  const kind = match ? KINDS[match[1]!] : undefined;
  return kind ? { kind, passageId: match![2]! } : null;
}

/** Under an answer: Report a wrong speaker or quote, for the passage the answer leads with. */
export function reportRow(passages: readonly QuotedPassage[]): APIActionRowComponent<APIButtonComponent> | null {
  const first = passages[0];
  const id = first && buttonId({ kind: "report", passageId: first.id });
  if (!id || id.length > MAX_CUSTOM_ID) return null;
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Danger, custom_id: id, label: "Report a wrong speaker or quote" }],
  };
}

/**
 * A passage's buttons: More context, Open at the quote when the article has a link, and on a private
 * answer Post in channel. Null when none can be made (an id too long for Discord).
 */
export function passageButtons(
  p: QuotedPassage,
  article: ArticleCard | undefined,
  { privately = false, context = true } = {},
): APIActionRowComponent<APIButtonComponent> | null {
  const buttons: APIButtonComponent[] = [];
  const id = buttonId({ kind: "context", passageId: p.id });
  if (context && id.length <= MAX_CUSTOM_ID)
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: id, label: "More context" });
  const link = article?.url ? textFragmentUrl(article.url, p.text) : null;
  if (link && link.length <= MAX_BUTTON_URL)
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, url: link, label: "Open at the quote" });
  const post = buttonId({ kind: "post", passageId: p.id });
  if (privately && post.length <= MAX_CUSTOM_ID)
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: post, label: "Post in channel" });
  return buttons.length > 0 ? { type: ComponentType.ActionRow, components: buttons } : null;
}
