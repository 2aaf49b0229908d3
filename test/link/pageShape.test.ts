import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../src/link/extract.js";
import { PAGE_LIMITS, type PageShape, pageShape } from "../../src/link/pageShape.js";
import { LinkError } from "../../src/link/safeFetch.js";

/** What the walk below reads of linkedom's nodes. */
interface BuiltNode {
  nodeType: number;
  childNodes: Iterable<BuiltNode>;
  attributes?: { length: number };
}

/** The shape of the document linkedom builds, walked: what pageShape must match (or exceed, for nodes) without building it. */
function documentShape(html: string): PageShape {
  const { document } = parseHTML(html);
  const shape = { depth: 0, elements: 0, nodes: 0, depthTotal: 0 };
  const stack: [BuiltNode, number][] = [[document as unknown as BuiltNode, 0]];
  while (stack.length > 0) {
    const [parent, depth] = stack.pop()!;
    for (const child of parent.childNodes) {
      if (child.nodeType === 1) {
        const attributes = child.attributes?.length ?? 0;
        shape.depth = Math.max(shape.depth, depth + 1);
        shape.elements++;
        shape.nodes += 1 + attributes;
        shape.depthTotal += depth + 1 + attributes * (depth + 2);
        stack.push([child, depth + 1]);
      } else {
        shape.nodes++;
        shape.depthTotal += depth + 1;
      }
    }
  }
  return { ...shape, complete: true };
}

const REFUSAL_END =
  "it cannot safely take an article out of it. Save the article's text as a .txt file and add it with /corpus add <file> instead.";

/** What extractArticle throws for a page, and how long it took to say so. */
function refusalOf(html: string): { message: string; ms: number } {
  const started = performance.now();
  let error: unknown = null;
  try {
    extractArticle(html, "https://example.org/news/story");
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - started;
  expect(error).toBeInstanceOf(LinkError);
  return { message: (error as LinkError).message, ms };
}

const nested = (depth: number, tag = "div") => `<${tag}>`.repeat(depth) + `</${tag}>`.repeat(depth);

describe("a page's shape, from its HTML without a DOM", () => {
  const cases: [string, string, Partial<PageShape>][] = [
    ["nested divs", "<html><body><div><div><p>x</p></div></div></body></html>", { depth: 5, elements: 5 }],
    [
      "markup inside <script>, <style>, <title>, <textarea> is text",
      "<script><div><div><div></script><style><div></style><title><div></title><textarea><div></textarea><p>x",
      { depth: 1, elements: 5 },
    ],
    [
      "a script ends only at its own end tag, in any case, then a space or >",
      "<script>'</scripts>' '</script/>' <div><div></SCRIPT ><div>",
      { depth: 1, elements: 2 },
    ],
    [
      "comments hide tags, an unclosed one to the end",
      "<div><!-- <div><div> --><!--><!---><div><!-- <div><div><div>",
      { depth: 2, elements: 2 },
    ],
    ["CDATA in HTML is a comment", "<![CDATA[<div><div>]]><div>", { depth: 1, elements: 1 }],
    ["void elements never hold anything", "<div><br><img src=a><input><hr><br><br><p>x", { depth: 2, elements: 8 }],
    ["<div/> is a <div> that stays open (HTML ignores the slash)", "<div/><div/><div/>", { depth: 3, elements: 3 }],
    ["inside <svg>, a self-closing tag closes", "<svg><path/><path/><g><path/></g></svg>", { depth: 3, elements: 5 }],
    [
      "<li>, <p>, <td> and <option> end their open sibling",
      "<ul><li>a<li>b<li>c</ul><p>a<p>b<div>c</div><table><tr><td>1<td>2<tr><td>3</table><select><option>a<option>b</select>",
      { depth: 3 },
    ],
    [
      "an end tag closes everything inside its element, and is ignored when none is open",
      "<div><span><b><i>x</div></span></section><div>",
      { depth: 4, elements: 5 },
    ],
    ["</p> alone is a <p>, </br> a <br>", "<div></p></br></div>", { depth: 2, elements: 3 }],
    ["a stray < is text", "<<<<div>< div>a < b<3<div>", { depth: 2, elements: 2 }],
    ["a quoted attribute may hold >", `<div title="a>b" data-x='<div>'><div>`, { depth: 2, elements: 2, nodes: 4 }],
    ["entities split text into nodes", "<p>a&amp;b&lt;c</p>", { depth: 1, elements: 1, nodes: 6 }],
    ["<noscript> content is markup to htmlparser2, so it counts", "<noscript><div><div></div></div></noscript>", { depth: 3 }],
  ];
  for (const [what, html, expected] of cases)
    it(`GIVEN ${what} THEN the depth and counts are linkedom's`, () => {
      const shape = pageShape(html);
      expect(shape).toMatchObject(expected);
      const built = documentShape(html);
      expect(shape.depth).toBe(built.depth);
      expect(shape.elements).toBe(built.elements);
      expect(shape.nodes).toBeGreaterThanOrEqual(built.nodes);
      expect(shape.depthTotal).toBeGreaterThanOrEqual(built.depthTotal);
    });

  const soupPieces = [
    ..."<div> </div> <p> </p> <li> <ul> </ul> <br> </br> <img> <div/> <svg> </svg> <path/> <math> <mi> </mi> <foreignObject>".split(" "),
    ..."<script> </script> </SCRIPT> <style> </style> <title> </title> <textarea> </textarea> <xmp> </xmp> <tmp> <xitle>".split(" "),
    ..."<!-- --> ---> <!--> <! <![CDATA[ ]]> <?x > < </ </div/> = / /> ' \" & &amp; &lt; x <table> <tr> <td> <option> <dd> <h2>".split(" "),
    "</ div>",
    "<!doctype html>",
    "<!DOCTYPE html>",
    "</script ",
    '<a href="',
    "<a title='",
    "<span ",
    " ",
    "\x1c\x0fscript>",
    "\x1c/script>",
    "<DIV>",
    "</DiV>",
  ];
  const soup = fc.array(fc.oneof(fc.constantFrom(...soupPieces), fc.constantFrom(..."<>/!-[]?=\"'& \ndivpscriptCDATA")), { maxLength: 60 });

  it("GIVEN any tag soup THEN elements and depth are linkedom's (depth one more when the page ends inside a tag), nodes and levels never fewer", () => {
    fc.assert(
      fc.property(soup, (pieces) => {
        const html = pieces.join("");
        const shape = pageShape(html);
        const built = documentShape(html);
        expect(shape.elements).toBe(built.elements);
        expect(shape.depth - built.depth).toBeGreaterThanOrEqual(0);
        expect(shape.depth - built.depth).toBeLessThanOrEqual(1);
        expect(shape.nodes).toBeGreaterThanOrEqual(built.nodes);
        expect(shape.depthTotal).toBeGreaterThanOrEqual(built.depthTotal);
      }),
      { numRuns: 1_000 },
    );
  });

  it("GIVEN any string THEN the scan never throws and its counts are bounded by the page's length", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 300 }),
          soup.map((p) => p.join("")),
        ),
        (html) => {
          const shape = pageShape(html);
          expect(shape.elements).toBeLessThanOrEqual(html.length);
          expect(shape.depth).toBeLessThanOrEqual(shape.elements + 1);
          expect(shape.nodes).toBeLessThanOrEqual(2 * html.length + 1);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  /** The fastest of five scans: the one least disturbed by whatever else the machine is doing. */
  const fastestScan = (html: string) =>
    Math.min(
      ...[0, 1, 2, 3, 4].map(() => {
        const started = performance.now();
        pageShape(html);
        return performance.now() - started;
      }),
    );

  it("GIVEN tag soup repeated to 256 KB and to 1 MB THEN four times the page takes about four times as long, not sixteen", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...soupPieces), { minLength: 1, maxLength: 30 }), (pieces) => {
        const unit = pieces.join("") || "<";
        const quarter = unit.repeat(Math.ceil((256 * 1024) / unit.length));
        const whole = quarter.repeat(4);
        const small = fastestScan(quarter);
        const large = fastestScan(whole);
        // A scan that is not linear takes seconds here (one that was took 159 s on 5 MB of `<`).
        expect(large).toBeLessThan(500);
        expect(large).toBeLessThan(12 * small + 10);
      }),
      { numRuns: 10 },
    );
  });

  it("GIVEN the hostile pages a 5 MB fetch allows THEN each is scanned in well under a second", () => {
    const fill = (unit: string, prefix = "") => prefix + unit.repeat(Math.floor((5 * 1024 * 1024 - prefix.length) / unit.length));
    const hostile = {
      "nested <div>": fill("<div>"),
      "nested <i>": fill("<i>"),
      "<br> after <br>": fill("<br>"),
      "<<<<": fill("<"),
      "an unclosed comment": fill("<div>", "<!--"),
      "<div>s in an unclosed <script>": fill("<div>", "<script>"),
      "one huge attribute": fill("a", '<div title="'),
      "attributes without end": fill(" a=b", "<div"),
      "end tags of nothing open": fill("</x>", "<div>".repeat(1_000)),
      entities: fill("&amp;"),
      "almost a script end": fill("</scrip", "<script>"),
    };
    for (const [what, html] of Object.entries(hostile)) {
      const started = performance.now();
      pageShape(html);
      expect(performance.now() - started, what).toBeLessThan(1_500);
    }
  });
});

describe("extraction refuses a page past the limits of its shape, in milliseconds, saying which and what to do", () => {
  it("GIVEN a 13 KB page nested 1,200 deep THEN refused at once: nested too deep", () => {
    const html = nested(1_200);
    expect(html.length).toBe(13_200);
    const { message, ms } = refusalOf(html);
    expect(message).toBe(`The page is nested more than 128 elements deep, the most Citebot reads: ${REFUSAL_END}`);
    expect(ms).toBeLessThan(250);
  });

  it("GIVEN a page nested 16,000 deep (half a minute in readability) THEN refused at once", () => {
    const { message, ms } = refusalOf(nested(16_000));
    expect(message).toBe(`The page is nested more than 128 elements deep, the most Citebot reads: ${REFUSAL_END}`);
    expect(ms).toBeLessThan(250);
  });

  it("GIVEN a page of 20,000 paragraphs THEN refused at once: too many elements", () => {
    const html = `<html><body><article>${"<p>The council said the bridge would reopen.</p>".repeat(20_000)}</article></body></html>`;
    const { message, ms } = refusalOf(html);
    expect(message).toBe(`The page has more than 15,000 elements, the most Citebot reads: ${REFUSAL_END}`);
    expect(ms).toBeLessThan(250);
  });

  it("GIVEN few elements but text split into 100,000 runs by entities THEN refused at once: too many nodes", () => {
    const { message } = refusalOf(`<html><body><p>${"a&amp;".repeat(50_000)}</p></body></html>`);
    expect(message).toMatch(/^The page has more than 60,000 elements, attributes and runs of text, the most Citebot reads: /);
    expect(message.endsWith(REFUSAL_END)).toBe(true);
  });

  it("GIVEN 100 chains of 100 nested elements, each within the depth and count THEN refused at once: too many levels in all", () => {
    const chain = "<div>words ".repeat(100) + "</div>".repeat(100);
    const html = `<html><body>${chain.repeat(100)}</body></html>`;
    const shape = pageShape(html);
    // The reading stopped at the levels' limit, within the others.
    expect(shape.complete).toBe(false);
    expect(shape.depth).toBeLessThanOrEqual(PAGE_LIMITS.depth);
    expect(shape.elements).toBeLessThanOrEqual(PAGE_LIMITS.elements);
    expect(shape.nodes).toBeLessThanOrEqual(PAGE_LIMITS.nodes);
    expect(shape.depthTotal).toBeGreaterThan(PAGE_LIMITS.depthTotal);
    const { message, ms } = refusalOf(html);
    expect(message).toBe(
      `The page's elements, attributes and runs of text sit more than 400,000 levels deep in all, the most Citebot reads: ${REFUSAL_END}`,
    );
    expect(ms).toBeLessThan(250);
  });

  it("GIVEN the saved news pages THEN they are far within every limit (a tenth of it or less) and extract", () => {
    for (const name of ["spacenews-clps.html", "latimes-disney.html"]) {
      const html = readFileSync(`test/fixtures/pages/${name}`, "latin1");
      const shape = pageShape(html);
      for (const limit of ["depth", "elements", "nodes", "depthTotal"] as const)
        expect(shape[limit], `${name} ${limit}`).toBeLessThanOrEqual(PAGE_LIMITS[limit] / 10);
      expect(extractArticle(html, "https://example.org/story").text.length).toBeGreaterThan(3_000);
    }
  });
});
