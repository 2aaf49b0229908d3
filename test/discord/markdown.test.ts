import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskedLink } from "../../src/discord/compose.js";
import { escapeMarkdown } from "../../src/discord/markdown.js";
import { quoteLines } from "../../src/render/parts.js";
import { type Node, parse, shown } from "../support/discordMarkdown.js";

/** Text with the pieces every trick is made of. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "@",
        "#",
        ":",
        "/",
        "\\",
        "*",
        "_",
        "~",
        "`",
        "|",
        "-",
        "+",
        "!",
        ".",
        " ",
        "\n",
        "\u202e",
      ),
      fc.constantFrom(
        "https://evil.example/x",
        "https://x.org/a_b*c",
        "everyone",
        "here",
        "t:1700000000:R",
        "/ask:123456789012345678",
        "@&123456789012345678",
        "#123456789012345678",
        "@!123456789012345678",
        "a:name:123456789012345678",
        "id:customize",
        "1.",
        "-#",
        ">>>",
        "Verified",
        "he said",
        "||",
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("escapeMarkdown, checked with a parser that follows Discord's rules", () => {
  it("GIVEN any text THEN Discord shows it exactly as written and finds no construct in it: no link, mention, timestamp, emphasis or heading", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const { text: seen, constructs } = shown(parse(escapeMarkdown(text)));
        expect(constructs).toEqual([]);
        expect(seen).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it("GIVEN the masked links found by trying to break Citebot THEN none is a link any more", () => {
    for (const attack of [
      "[a] b](https://evil.example)",
      "[[a]](https://evil.example)",
      "[x](<https://evil.example>)",
      "[a](https://evil.example 'title')",
    ]) {
      expect(shown(parse(escapeMarkdown(attack)))).toEqual({ text: attack, constructs: [] });
    }
  });

  it('GIVEN a title whose last line is a bare marker ("-#", "#", ">", "1.") THEN the link after it stays a link, not subtext or a heading', () => {
    for (const title of ["[\n-#", "[\n#", "[\n>", "[\n1.", "x\n-"]) {
      const nodes = parse(maskedLink(escapeMarkdown(title), "https://example.org/a"));
      expect(
        nodes.filter((n) => n.type === "link" || n.type === "autolink"),
        JSON.stringify(title),
      ).toHaveLength(1);
    }
  });

  it("GIVEN a link of ours followed, on its line or the next, by text holding `](https://…)` THEN that text closes no link: ours is the only one", () => {
    for (const after of [
      "Evil](https://evil.example)",
      " x](https://evil.example) y",
      "\nx] (https://evil.example)",
      "](<https://evil.example>)",
    ]) {
      const nodes = parse(`${maskedLink("Fine", "https://example.org/a")} · ${escapeMarkdown(after)}`);
      expect(
        nodes.filter((n) => n.type === "link"),
        after,
      ).toEqual([{ type: "link", target: "https://example.org/a", content: [{ type: "text", content: "Fine" }] }]);
    }
    fc.assert(
      fc.property(hostile, hostile, (title, after) => {
        const nodes = parse(`${maskedLink(escapeMarkdown(title), "https://example.org/a")}\n${escapeMarkdown(after)}`);
        const targets: string[] = [];
        const walk = (list: Node[]) => {
          for (const n of list) {
            if (n.target) targets.push(n.target);
            if (Array.isArray(n.content)) walk(n.content);
          }
        };
        walk(nodes);
        expect(targets).toEqual(["https://example.org/a"]);
      }),
      { numRuns: 2000 },
    );
  });

  it("GIVEN a quote block of any text THEN one block quote showing the text", () => {
    fc.assert(
      fc.property(
        hostile.filter((t) => t.trim() !== "" && !t.includes("\n")),
        (text) => {
          const nodes = parse(quoteLines(escapeMarkdown(text)));
          expect(nodes.map((n) => n.type)).toEqual(["blockQuote"]);
          expect(shown(nodes[0]!.content as Node[])).toEqual({ text, constructs: [] });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("GIVEN a link of ours with any title to any address THEN one link, going where the address says, and the title shown as written", () => {
    fc.assert(
      fc.property(hostile, fc.webUrl({ withQueryParameters: true, withFragments: true }), (title, url) => {
        const nodes = parse(maskedLink(escapeMarkdown(title), url));
        const links = nodes.filter((n) => n.type === "link" || n.type === "autolink");
        expect(links).toHaveLength(1);
        expect(decodeURI(links[0]!.target!)).toBe(decodeURI(url));
        const rest = shown(nodes.filter((n) => n !== links[0]));
        if (links[0]!.type === "link") expect(shown(links[0]!.content as Node[])).toEqual({ text: title, constructs: [] });
        else expect(rest).toEqual({ text: `${title} `, constructs: [] });
      }),
      { numRuns: 1000 },
    );
  });
});
