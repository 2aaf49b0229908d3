import { parse as parseDiscord } from "discord-markdown-parser";

export type Node = { type: string; content?: string | Node[]; target?: string };

/** Markdown parsed as Discord parses a bot's message or an embed (simple-markdown with Discord's rules). */
export const parse = (markdown: string): Node[] => parseDiscord(markdown, "extended") as Node[];

/** What Discord shows of parsed markdown, and every construct it found other than plain text. */
export function shown(nodes: Node[]): { text: string; constructs: string[] } {
  let text = "";
  const constructs: string[] = [];
  const walk = (list: Node[]) => {
    for (const node of list) {
      if (node.type === "text") text += node.content as string;
      else if (node.type === "br") text += "\n";
      else if (node.type === "url" && Array.isArray(node.content)) {
        // A bare address shows its own target: allowed, as long as it is exactly the text.
        const own = (node.content as Node[]).map((n) => n.content).join("");
        if (own !== node.target) constructs.push(`url hiding ${node.target}`);
        text += own;
      } else {
        constructs.push(node.type);
        if (Array.isArray(node.content)) walk(node.content);
      }
    }
  };
  walk(nodes);
  return { text, constructs };
}
