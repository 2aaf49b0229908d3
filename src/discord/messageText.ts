import type { APIEmbed, APIMessageTopLevelComponent } from "discord-api-types/v10";
import { ComponentType } from "discord-api-types/v10";

/**
 * What a message (or a forwarded one's snapshot) holds that can be read as text. discord.js leaves
 * `content` null when Discord sends none, so every part may be missing.
 */
interface Readable {
  content?: string | null;
  embeds?: readonly { toJSON(): APIEmbed }[];
  components?: readonly { toJSON(): APIMessageTopLevelComponent }[];
}

/**
 * The text a claim is read from, on a message's Apps menu: what its author wrote; else the forwarded
 * message's; else what a bot posted without writing any, its embeds' titles and descriptions (a news
 * feed's headline and summary) or its components v2 text. Empty for an image or a sticker alone.
 */
export function messageTextOf(message: Readable & { messageSnapshots?: { first(): Readable | undefined } }): string {
  const forwarded = message.messageSnapshots?.first();
  for (const readable of [message, ...(forwarded ? [forwarded] : [])]) {
    const text = (readable.content ?? "").trim() || textOfEmbeds(readable) || textOfComponents(readable);
    if (text) return text;
  }
  return "";
}

function textOfEmbeds(message: Readable): string {
  return (message.embeds ?? [])
    .map((e) => e.toJSON())
    .flatMap((e) => [e.title, e.description])
    .filter((t): t is string => Boolean(t?.trim()))
    .join("\n")
    .trim();
}

function textOfComponents(message: Readable): string {
  const texts: string[] = [];
  const visit = (c: { type: number; content?: string; components?: unknown[] }) => {
    if (c.type === ComponentType.TextDisplay && c.content) texts.push(c.content);
    for (const child of c.components ?? []) visit(child as typeof c);
  };
  for (const c of message.components ?? []) visit(c.toJSON() as never);
  return texts.join("\n").trim();
}
