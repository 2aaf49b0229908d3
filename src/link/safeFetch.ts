import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import iconv from "iconv-lite";
import ipaddr from "ipaddr.js";
import { literal, type Prose, ProseError, prose } from "../prose.js";

/** A link that cannot be fetched, said so a moderator can act on it. Nothing has been written. */
export class LinkError extends ProseError {
  override name = "LinkError";

  constructor(text: Prose | string) {
    super(typeof text === "string" ? [text] : text);
  }
}

export interface FetchPolicy {
  /** host or host:port (lower case) that may resolve to private addresses: for tests and intranets. */
  allowedPrivateHosts: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export interface FetchedPage {
  /** The address asked for, and the one the page finally came from (after redirects). */
  requested: string;
  url: string;
  contentType: "text/html" | "text/plain";
  /** The page, decoded with its charset. */
  text: string;
  fetchedAt: string;
}

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
const ACCEPTED_TYPES = ["text/html", "text/plain"] as const;

/**
 * Fetches a page a moderator linked to, treating the link as hostile: http(s) only; every address the
 * host resolves to must be public (ipaddr.js's "unicast": not loopback, private, link-local, carrier-grade
 * NAT, multicast, unspecified, unique-local or an IPv4-mapped disguise of one) unless the host is
 * allowed; the connection goes to the address that was checked (no second lookup to rebind);
 * redirects are followed by hand, each hop checked again; a time limit for the whole fetch; the size
 * limit counted while reading; only text/html and text/plain, decoded with their charset.
 */
export async function fetchPage(link: string, policy: FetchPolicy): Promise<FetchedPage> {
  const deadline = Date.now() + (policy.timeoutMs ?? FETCH_TIMEOUT_MS);
  let url = parseLink(link);
  for (let hop = 0; ; hop++) {
    const address = await checkedAddress(url, policy);
    const response = await get(url, address, deadline, policy.maxBytes ?? MAX_PAGE_BYTES);
    if (response.status >= 300 && response.status < 400 && response.location) {
      if (hop >= (policy.maxRedirects ?? MAX_REDIRECTS))
        throw new LinkError(prose`${link} redirects more than ${policy.maxRedirects ?? MAX_REDIRECTS} times; link to the page itself.`);
      url = parseLink(new URL(response.location, url).href);
      continue;
    }
    if (response.status !== 200) throw new LinkError(prose`${url.href} answered with HTTP ${response.status}, not the page.`);
    const type = response.contentType.split(";")[0]!.trim().toLowerCase();
    const accepted = ACCEPTED_TYPES.find((t) => t === type);
    if (!accepted)
      throw new LinkError(prose`${url.href} is ${type || "of no stated type"}, not a web page: link to an HTML or plain-text page.`);
    return {
      requested: link,
      url: url.href,
      contentType: accepted,
      text: decode(response.body, response.contentType, accepted),
      fetchedAt: new Date().toISOString(),
    };
  }
}

function parseLink(link: string): URL {
  if (!URL.canParse(link)) throw new LinkError(prose`${link} is not a link: give a full address such as https://example.org/story.`);
  const url = new URL(link);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new LinkError(prose`Only http and https links can be fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new LinkError("Links with a user name or password in them are not fetched.");
  return url;
}

/** The address to connect to: every address the host resolves to checked, and the first of them. */
async function checkedAddress(url: URL, policy: FetchPolicy): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowed = policy.allowedPrivateHosts.includes(url.host.toLowerCase()) || policy.allowedPrivateHosts.includes(host.toLowerCase());
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 }];
  else {
    try {
      addresses = await dnsLookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new LinkError(prose`${host} cannot be found (${(error as NodeJS.ErrnoException).code ?? "no address"}).`);
    }
  }
  if (addresses.length === 0) throw new LinkError(prose`${host} cannot be found.`);
  if (!allowed) {
    for (const { address } of addresses) {
      const range = ipaddr.process(address).range();
      if (range !== "unicast")
        throw new LinkError([
          literal(host),
          ` is at a ${describeRange(range)} address (`,
          literal(address),
          "): only public web pages are fetched.",
        ]);
    }
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

const RANGE_WORDS: Record<string, string> = {
  loopback: "loopback",
  private: "private",
  linkLocal: "link-local",
  carrierGradeNat: "carrier-grade NAT",
  multicast: "multicast",
  unspecified: "unspecified",
  uniqueLocal: "unique-local",
  broadcast: "broadcast",
  reserved: "reserved",
};
const describeRange = (range: string) => RANGE_WORDS[range] ?? `non-public (${range})`;

interface RawResponse {
  status: number;
  location: string | null;
  contentType: string;
  body: Buffer;
}

/** One GET to the checked address, the host's name kept for the Host header and TLS; the body read up to maxBytes. */
function get(url: URL, target: { address: string; family: 4 | 6 }, deadline: number, maxBytes: number): Promise<RawResponse> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new LinkError(prose`${url.href} took too long to answer.`));
  // The connection goes to the address checked above, whatever a second lookup would say now.
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const fail = (error: LinkError) => {
      clearTimeout(timer);
      request.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new LinkError(prose`${url.href} took too long to answer.`)), remaining);
    const request = client.get(
      url,
      {
        lookup,
        // A connection of its own, closed with its response: none is kept open to a hostile host, or reused.
        agent: false,
        headers: { "user-agent": "Citebot (article fetcher)", accept: "text/html, text/plain;q=0.9" },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const contentType = String(response.headers["content-type"] ?? "");
        const location = typeof response.headers.location === "string" ? response.headers.location : null;
        const type = contentType.split(";")[0]!.trim().toLowerCase();
        if (status !== 200 || !ACCEPTED_TYPES.some((t) => t === type)) {
          // Nothing of a redirect's or an error's body is needed, nor of a page of a type Citebot does
          // not read, and a hostile server can make it endless: the connection is closed as soon as the
          // status and headers are in, body unread.
          clearTimeout(timer);
          request.destroy();
          resolve({ status, location, contentType, body: Buffer.alloc(0) });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) fail(new LinkError(prose`${url.href} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`));
          else chunks.push(chunk);
        });
        response.on("end", () => {
          clearTimeout(timer);
          resolve({ status, location, contentType, body: Buffer.concat(chunks) });
        });
        response.on("error", () => fail(new LinkError(prose`${url.href} broke off while sending the page.`)));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new LinkError(prose`${url.href} cannot be reached (${error.code ?? error.message}).`));
    });
  });
}

/** The body as text: the charset the server names, else (for HTML) the page's own meta charset, else UTF-8. */
function decode(body: Buffer, contentType: string, type: "text/html" | "text/plain"): string {
  const declared = contentType.match(/charset\s*=\s*"?([^";\s]+)/i)?.[1];
  const meta =
    type === "text/html"
      ? body
          .subarray(0, 2048)
          .toString("latin1")
          .match(/<meta[^>]+charset\s*=\s*["']?([^"'\s/>;]+)/i)?.[1]
      : undefined;
  const charset = (declared ?? meta ?? "utf-8").toLowerCase();
  if (charset === "utf-8" || charset === "utf8") {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      throw new LinkError("The page is not valid UTF-8 text, though it says it is.");
    }
  }
  // As browsers do (the WHATWG Encoding standard), Latin-1 and ASCII labels mean windows-1252.
  const name = LATIN1_LABELS.has(charset) ? "windows-1252" : charset;
  if (!iconv.encodingExists(name)) throw new LinkError(prose`The page is in a character set Citebot does not know (${charset}).`);
  return iconv.decode(body, name);
}

const LATIN1_LABELS = new Set([
  "iso-8859-1",
  "iso8859-1",
  "iso_8859-1",
  "latin1",
  "l1",
  "ascii",
  "us-ascii",
  "cp819",
  "ibm819",
  "x-cp1252",
  "cp1252",
]);
