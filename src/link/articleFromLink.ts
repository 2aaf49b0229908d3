import { articleIdFromFileName, type MetadataFields, type Provenance } from "../app/corpusFiles.js";
import type { Upload } from "../app/upload.js";
import { ADD_BY_LINK_WITHIN_MS, EXTRACT_DEADLINE_MS, EXTRACT_HEAP_MB } from "../limits.js";
import type { ExtractJobs } from "../pool/jobs.js";
import { JobDeadlineError, type JobRunner, processPool, WorkerFailedError, type WorkerPool } from "../pool/pool.js";
import { command, prose } from "../prose.js";
import { type ExtractedArticle, plainArticle } from "./plainText.js";
import { FETCH_TIMEOUT_MS, type FetchPolicy, fetchPage, LinkError } from "./safeFetch.js";

const EXTRACT_WORKER = new URL("./extractWorker.ts", import.meta.url);
/**
 * Threads pages are read on, each with a memory limit, `size` pages at once; one that read a hostile
 * page is never used again. One pool a process, shared by whoever asks for it (a bot takes a lease of it).
 */
export function extractionPool(size: number): WorkerPool<ExtractJobs> {
  return processPool<ExtractJobs>({
    name: "reading the page",
    module: EXTRACT_WORKER,
    size,
    maxQueued: 64,
    recycle: "after-each-job",
    // A thread that read an article out of a page is kept a while for the next page (a moderator
    // adds links in runs): its start-up is paid once. One that refused a page, or failed, goes.
    keep: { after: (output) => "article" in (output as ExtractJobs["extract"]["output"]), idleMs: 30_000 },
    resourceLimits: { maxOldGenerationSizeMb: EXTRACT_HEAP_MB },
  });
}

/** An article made from a link: its text as an upload, its metadata from the page (what was given wins), and where it came from. */
export interface LinkedArticle {
  upload: Upload;
  fields: MetadataFields;
  provenance: Provenance;
}

const FIELD_HINTS = { title: "title", publisher: "publisher", url: "url", published: "published (YYYY-MM-DD)" } as const;

/**
 * Fetches the page (safeFetch.ts), takes the article out of it (extract.ts, on a thread of the
 * extraction pool) and makes what /corpus add takes from an upload, all within ADD_BY_LINK_WITHIN_MS.
 * The id comes from the link's last path segment. A field the page does not say and the moderator did
 * not give is named, with how to give it; nothing is written.
 */
export async function articleFromLink(
  link: string,
  given: MetadataFields,
  policy: FetchPolicy,
  extraction: JobRunner<ExtractJobs> = extractionPool(1),
): Promise<LinkedArticle> {
  const deadline = Date.now() + ADD_BY_LINK_WITHIN_MS;
  const page = await fetchPage(link, { ...policy, timeoutMs: Math.min(policy.timeoutMs ?? FETCH_TIMEOUT_MS, ADD_BY_LINK_WITHIN_MS) });
  const article =
    page.contentType === "text/html"
      ? await readPage(extraction, page.text, page.url, deadline - Date.now())
      : plainArticle(page.text, page.url);
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

const attachInstead = "Save the article's text as a .txt file and attach it instead.";

/** The article out of an HTML page, on a thread of its own: a page over the limits, or one that takes too long or too much memory, is refused. */
async function readPage(extraction: JobRunner<ExtractJobs>, html: string, url: string, remainingMs: number): Promise<ExtractedArticle> {
  const seconds = ADD_BY_LINK_WITHIN_MS / 1000;
  if (remainingMs <= 0)
    throw new LinkError(prose`${url} took too long to answer: Citebot adds a page within ${seconds} s. ${attachInstead}`);
  let read: ExtractJobs["extract"]["output"];
  try {
    read = await extraction.run("extract", { html, url }, { deadlineMs: Math.min(EXTRACT_DEADLINE_MS, remainingMs) });
  } catch (error) {
    if (error instanceof JobDeadlineError)
      throw new LinkError(
        prose`Citebot could not read the article out of ${url} in time (it adds a page within ${seconds} s): the page is too complex. ${attachInstead}`,
      );
    if (error instanceof WorkerFailedError && error.code === "ERR_WORKER_OUT_OF_MEMORY")
      throw new LinkError(prose`Reading ${url} needs more memory than Citebot gives a page. ${attachInstead}`);
    throw error;
  }
  if ("refused" in read) throw new LinkError(read.refused);
  return read.article;
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
