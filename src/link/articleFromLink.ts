import { articleIdFromFileName, type MetadataFields, type Provenance } from "../app/corpusFiles.js";
import type { Upload } from "../app/upload.js";
import { command, prose } from "../prose.js";
import { extractArticle, plainArticle } from "./extract.js";
import { type FetchPolicy, fetchPage, LinkError } from "./safeFetch.js";

/** An article made from a link: its text as an upload, its metadata from the page (what was given wins), and where it came from. */
export interface LinkedArticle {
  upload: Upload;
  fields: MetadataFields;
  provenance: Provenance;
}

const FIELD_HINTS = { title: "title", publisher: "publisher", url: "url", published: "published (YYYY-MM-DD)" } as const;

/**
 * Fetches the page (safeFetch.ts), takes the article out of it (extract.ts) and makes what
 * /corpus add takes from an upload. The id comes from the link's last path segment. A field the
 * page does not say and the moderator did not give is named, with how to give it; nothing is written.
 */
export async function articleFromLink(link: string, given: MetadataFields, policy: FetchPolicy): Promise<LinkedArticle> {
  const page = await fetchPage(link, policy);
  const article = page.contentType === "text/html" ? extractArticle(page.text, page.url) : plainArticle(page.text, page.url);
  if (article.text.trim() === "") throw new LinkError(prose`Citebot found no article text at ${page.url}.`);
  const fromPage: MetadataFields = {
    title: article.title ?? undefined,
    publisher: article.publisher ?? undefined,
    url: article.url,
    published: article.published ?? undefined,
  };
  const fields: MetadataFields = { ...fromPage, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v?.trim())) };
  const missing = (Object.keys(FIELD_HINTS) as (keyof typeof FIELD_HINTS)[]).filter((f) => !fields[f]?.trim());
  if (missing.length > 0) {
    const options = Object.fromEntries(missing.map((f) => [f, `<${f}>`]));
    throw new LinkError(
      prose`The page does not say its ${missing.map((f) => FIELD_HINTS[f]).join(" or ")}: add ${command({ name: "corpus", subcommand: "add", options: { url: link, ...options } })}.`,
    );
  }
  const bytes = Buffer.from(article.text, "utf8");
  return {
    upload: { name: `${slugOf(new URL(page.url))}.txt`, size: bytes.length, read: async () => bytes },
    fields,
    provenance: { fetched: { from: page.url, at: page.fetchedAt } },
  };
}

/** "nasa-adds-five-companies" from https://example.org/news/nasa-adds-five-companies/ (or .html); the host when the path is bare. */
function slugOf(url: URL): string {
  const segment =
    url.pathname
      .split("/")
      .filter(Boolean)
      .at(-1)
      ?.replace(/\.[a-z0-9]{2,5}$/i, "") ?? "";
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A malformed escape: the segment as written.
  }
  const slug = decoded.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  const id = slug.length >= 3 ? slug : url.hostname.replace(/\./g, "-");
  return articleIdFromFileName(`${id}.txt`).slice(0, 80);
}
