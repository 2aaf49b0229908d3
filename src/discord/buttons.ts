import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from "discord-api-types/v10";
import type { QuotedPassage } from "../answer/types.js";
import type { ArticleCard } from "../library/articleCard.js";

/**
 * Buttons under an answer, one row a passage. Their ids are versioned and carry what they need
 * (`cb1:ctx:<passage id>`), so a click works after a restart and in any shard, with no collector
 * waiting: the click is a new interaction, answered from the id alone.
 */
export const BUTTON_VERSION = "cb1";
/** Discord's limits: 5 rows of buttons a message, ids of at most 100 characters, links of at most 512. */
const MAX_ROWS = 5;
const MAX_CUSTOM_ID = 100;
const MAX_LINK = 512;

export type ButtonAction = { kind: "context"; passageId: string };

export function buttonId(action: ButtonAction): string {
  return `${BUTTON_VERSION}:ctx:${action.passageId}`;
}

/** What a clicked button asks for; null for an id of another version or kind (an old message's). */
export function parseButtonId(customId: string): ButtonAction | null {
  const match = customId.match(/^cb1:ctx:(.+)$/);
  return match ? { kind: "context", passageId: match[1]! } : null;
}

/** For each passage (as many as there are rows): More context, and Open at the quote when the article has a link. */
export function passageRows(
  passages: readonly QuotedPassage[],
  articles: Record<string, ArticleCard>,
): APIActionRowComponent<APIButtonComponent>[] {
  return passages.slice(0, MAX_ROWS).flatMap((p, i) => {
    const buttons: APIButtonComponent[] = [];
    const id = buttonId({ kind: "context", passageId: p.id });
    if (id.length <= MAX_CUSTOM_ID)
      buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: id, label: `More context (${i + 1})` });
    const url = articles[p.article]?.url;
    const link = url ? textFragmentUrl(url, p.text) : null;
    if (link && link.length <= MAX_LINK)
      buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, url: link, label: `Open at the quote (${i + 1})` });
    return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  });
}

/** Words of a long quote kept at each end of a text fragment (`textStart,textEnd`). */
const FRAGMENT_WORDS = 4;

/**
 * The article's link with a text fragment (`#:~:text=`) for the quote, so a browser scrolls to the
 * sentence and highlights it: the whole sentence when short, else its first and last words. Any
 * fragment the link had is replaced; `-`, `,` and `&` are escaped, as the syntax requires.
 */
export function textFragmentUrl(url: string, quote: string): string | null {
  if (!URL.canParse(url)) return null;
  const words = quote.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  if (words.length === 0) return null;
  const encode = (text: string) => encodeURIComponent(text).replace(/-/g, "%2D");
  const directive =
    words.length <= FRAGMENT_WORDS * 2
      ? encode(words.join(" "))
      : `${encode(words.slice(0, FRAGMENT_WORDS).join(" "))},${encode(words.slice(-FRAGMENT_WORDS).join(" "))}`;
  const base = url.replace(/#.*$/, "");
  return `${base}#:~:text=${directive}`;
}
