import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { pageShape, shapeRefusal } from "./pageShape.js";
import type { ExtractedArticle } from "./plainText.js";
import { flat, plainParagraphs } from "./plainText.js";
import { LinkError } from "./safeFetch.js";

export type { ExtractedArticle };

/** Elements whose text is a paragraph of the article (when they hold no other such element). */
const BLOCKS = "p, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, dd";
/** Kinds of JSON-LD item that describe an article. */
const ARTICLE_TYPES = /^(?:News|Reportage|Analysis|Opinion|Review|Background|Satirical)?Article$|^BlogPosting$|^Report$/;

/**
 * The article in a page: @mozilla/readability finds its body (on a linkedom document, no browser),
 * and its paragraphs become the text. The metadata comes from the page's own tags (og:, article:,
 * JSON-LD, canonical link), then readability's guesses. A page whose shape is past the limits
 * readability can take in time (pageShape.ts) is refused before any of that, in milliseconds.
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  const refusal = shapeRefusal(pageShape(html));
  if (refusal) throw new LinkError(refusal);
  const { document } = parseHTML(html);
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute("content")?.trim() || null;
  const ld = jsonLdArticle(document);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? meta('meta[property="og:url"]');
  const pageMeta = {
    title: meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]') ?? stringOf(ld?.headline),
    publisher: meta('meta[property="og:site_name"]') ?? stringOf((ld?.publisher as { name?: unknown } | undefined)?.name),
    published:
      meta('meta[property="article:published_time"]') ??
      meta('meta[name="date"]') ??
      meta('meta[name="pubdate"]') ??
      meta('meta[itemprop="datePublished"]') ??
      stringOf(ld?.datePublished) ??
      document.querySelector("time[datetime]")?.getAttribute("datetime") ??
      null,
  };
  // Readability takes the document apart: the metadata above is read first.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const body = parsed?.content ? paragraphsOf(parsed.content) : [];
  if (body.length === 0 && parsed?.textContent) body.push(...plainParagraphs(parsed.textContent));
  return {
    text: body.join("\n\n"),
    title: clean(pageMeta.title ?? parsed?.title ?? document.querySelector("title")?.textContent ?? null),
    publisher: clean(pageMeta.publisher ?? parsed?.siteName ?? null),
    published: dateOf(pageMeta.published ?? parsed?.publishedTime ?? null),
    url: absoluteHttp(canonical, pageUrl) ?? pageUrl,
  };
}

function paragraphsOf(content: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
  const blocks = [...document.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
  return blocks.map((el) => flat(el.textContent ?? "")).filter((t) => t !== "");
}

const clean = (text: string | null) => (text ? flat(text) || null : null);
const stringOf = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

/** The first JSON-LD item on the page that is an article (looking inside arrays and @graph). */
function jsonLdArticle(document: {
  querySelectorAll(s: string): Iterable<{ textContent: string | null }>;
}): Record<string, unknown> | null {
  const items: unknown[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      items.push(JSON.parse(script.textContent ?? ""));
    } catch {
      // A page's broken JSON-LD is the page's problem: the other sources of metadata remain.
    }
  }
  const queue = [...items];
  while (queue.length > 0) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...item);
    else if (item && typeof item === "object") {
      const record = item as Record<string, unknown>;
      const types = ([] as unknown[]).concat(record["@type"] ?? []);
      if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t))) return record;
      if (record["@graph"]) queue.push(record["@graph"]);
    }
  }
  return null;
}

/** YYYY-MM-DD from a page's date: its first ten characters when they are one, else what Date reads in it. */
function dateOf(value: string | null): string | null {
  if (!value) return null;
  const iso = value.trim().match(/^(\d{4}-\d{2}-\d{2})/)?.[1];
  if (iso) return iso;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

function absoluteHttp(href: string | null | undefined, base: string): string | null {
  if (!href || !URL.canParse(href, base)) return null;
  const url = new URL(href, base);
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}
