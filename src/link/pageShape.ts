/**
 * The shape of a web page, measured from its HTML before any DOM is built, and the limits
 * extraction holds it to. Readability's time on a linkedom document grows steeply with how deep
 * elements nest and how many nodes sit deep: 500 nested `<div>`s with text take 2.5 s, 1,000 take
 * 20 s, 3,000 nested tables overflow the stack; 10,000 elements in chains 200 deep take 8 s; 8
 * elements holding 1.6 million runs of text 65 s; 19,000 `<span>`s with 80 attributes each 58 s.
 * So extract.ts looks at the shape first and refuses a page past a limit in milliseconds, saying which.
 *
 * linkedom builds its document from htmlparser2's events, so the shape is read from the same events,
 * with the same options, and no document is built: the depth and counts are the ones linkedom's
 * document would have, whatever tricks the markup plays (`<script>` contents, comments, void and
 * self-closing elements, end tags implied by `<p>` or `<li>`, stray `<`). The reading stops at the
 * first limit passed, so the parser's open elements never number more than the depth limit: an end
 * tag's search of them stays short, and the pass stays linear in the page, whatever it holds.
 */
import { Parser } from "htmlparser2";
import { command, type Prose } from "../prose.js";

/** How a page is built, as far as extraction's cost goes (as far as it was read: see `complete`). */
export interface PageShape {
  /** The deepest element: `<html>` alone is 1, `<html><body><p>` is 3. */
  depth: number;
  /** Elements in the page, the ones the markup implies (`</p>` alone makes a `<p>`) included. */
  elements: number;
  /**
   * What linkedom makes a node of: elements, their attributes, runs of text and comments. A run of
   * text is split at each entity (`a&amp;b` is three nodes): every `&` is counted as such a split,
   * and a repeated attribute as many times as it is written, so this is never less than the DOM's.
   */
  nodes: number;
  /**
   * The nodes' depths added up (nodes × their average depth): how many (node, ancestor) pairs there
   * are, so what walking the subtree of every element costs. Readability does such walks (text,
   * link density) for most elements, so its time follows this where many nodes sit deep.
   */
  depthTotal: number;
  /** False when the reading stopped at a limit passed: the counts are then what was read until then. */
  complete: boolean;
}

/**
 * The limits of a page's shape that extraction takes on, measured on this project's 2-core machine
 * (Node 20, 2026-12-07; medians of three, each page in a fresh process). The slowest pages within
 * all four (chains of `<div>`s with a few words at every level, 15,000 flat `<div>`s with text,
 * 60,000 runs of text) take 1.0–1.4 s to extract on a quiet machine, up to 2.5 s while other work
 * shares it. Real pages are well below: the saved news pages are 7–8 deep with 50–73 elements, some
 * 200 nodes and 1,100 levels; of 11,224 HTML pages on the machine (documentation, at most 25 deep,
 * 3–5 nodes an element, 8–13 levels a node) 98% pass, the rest being pages of 468 KB and more. By
 * those ratios a news page of 3,000 elements 15–40 deep has some 13,000 nodes and 180,000 levels.
 * Past a limit the page is refused and the moderator attaches the article's text instead.
 */
export const PAGE_LIMITS = {
  /**
   * Elements nested deeper than this. Readability's time for one chain grows faster than the square
   * of its depth (a chain of `<div>`s with text: 100 deep 0.06 s, 300 deep 0.6 s, 500 deep 2.5 s,
   * 1,000 deep 20 s); news pages nest 15–40 deep.
   */
  depth: 128,
  /**
   * Elements: each costs readability 60–90 µs with its text (flat `<div>`s with text: 5,000 0.3 s,
   * 20,000 1.7 s, 50,000 4.5 s); news pages have a few thousand.
   */
  elements: 15_000,
  /**
   * Elements, attributes, runs of text and comments: all cost, and a page can hold any number of
   * them in few elements (60,000 of them within the other limits: 0.6–1.4 s).
   */
  nodes: 60_000,
  /**
   * Levels in all (`depthTotal`): what walking subtrees costs, where many nodes sit deep. Chains of
   * `<div>`s with text filling it: 124 deep 1.2 s, 64 deep 1.1 s, 32 deep 1.4 s.
   */
  depthTotal: 400_000,
} as const;

const number = (n: number) => n.toLocaleString("en-US");

/** Why a page of this shape is not read, for a moderator: which limit and what to do instead; null when it is within them all. */
export function shapeRefusal(shape: PageShape): Prose | null {
  const { depth, elements, nodes, depthTotal } = shape;
  // The reading stops at the first limit passed: how far past, it does not know.
  const why =
    depth > PAGE_LIMITS.depth
      ? `The page is nested more than ${number(PAGE_LIMITS.depth)} elements deep, the most Citebot reads`
      : elements > PAGE_LIMITS.elements
        ? `The page has more than ${number(PAGE_LIMITS.elements)} elements, the most Citebot reads`
        : nodes > PAGE_LIMITS.nodes
          ? `The page has more than ${number(PAGE_LIMITS.nodes)} elements, attributes and runs of text, the most Citebot reads`
          : depthTotal > PAGE_LIMITS.depthTotal
            ? `The page's elements, attributes and runs of text sit more than ${number(PAGE_LIMITS.depthTotal)} levels deep in all, the most Citebot reads`
            : null;
  if (!why) return null;
  return [
    `${why}: it cannot safely take an article out of it. Save the article's text as a .txt file and add it with `,
    command({ name: "corpus", subcommand: "add", first: { name: "file" } }),
    " instead.",
  ];
}

/** Thrown inside the parser's events to stop reading once a limit is passed. */
const PAST_A_LIMIT = Symbol("past a limit");

/** The page's shape as linkedom would build it, read with its parser; linear in the length of the HTML, whatever it holds. */
export function pageShape(html: string): PageShape {
  const shape: PageShape = { depth: 0, elements: 0, nodes: 0, depthTotal: 0, complete: true };
  let open = 0;
  const node = (depth: number) => {
    shape.nodes++;
    shape.depthTotal += depth;
  };
  const check = () => {
    const { depth, elements, nodes, depthTotal } = shape;
    if (depth > PAGE_LIMITS.depth || elements > PAGE_LIMITS.elements || nodes > PAGE_LIMITS.nodes || depthTotal > PAGE_LIMITS.depthTotal)
      throw PAST_A_LIMIT;
  };
  const parser = new Parser(
    {
      onopentag(_name, attributes) {
        open++;
        shape.elements++;
        shape.depth = Math.max(shape.depth, open);
        node(open);
        for (const _ in attributes) node(open + 1);
        check();
      },
      onclosetag() {
        open--;
      },
      ontext() {
        node(open + 1);
        check();
      },
      oncomment() {
        node(open + 1);
        check();
      },
      // A doctype is a node of the document too.
      onprocessinginstruction() {
        node(open + 1);
        check();
      },
    },
    // As linkedom parses HTML (its parse-from-string.js).
    { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false },
  );
  try {
    parser.write(html);
    parser.end();
  } catch (error) {
    if (error !== PAST_A_LIMIT) throw error;
    shape.complete = false;
  }
  return shape;
}
