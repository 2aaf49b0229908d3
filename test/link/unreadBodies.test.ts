import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPage, LinkError } from "../../src/link/safeFetch.js";
import { startPageServer } from "../support/pages.js";

let pages: Awaited<ReturnType<typeof startPageServer>>;
const allowed = () => ({ allowedPrivateHosts: [pages.host] });

beforeAll(async () => {
  pages = await startPageServer();
});
afterAll(async () => {
  await pages?.stop();
});

/** Waits until every connection the server accepted has closed, or the time is up; says how many are still open. */
async function openAfter(ms: number): Promise<number> {
  const until = Date.now() + ms;
  while (Date.now() < until && (await pages.openConnections()) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  return pages.openConnections();
}

// The kernel's socket buffers on loopback take a few MB the reader never reads before the close
// reaches the server; reading the body would be unbounded (a hostile server sent 3 GB in 3 s).
const WRITTEN_BEFORE_CLOSE = 16 * 1024 * 1024;

describe("the body of a redirect or an error status is not read", () => {
  it("GIVEN a 302 and a 404 each followed by an endless body THEN the fetch settles at once and the connection is closed, the server having written a bounded amount", async () => {
    const started = Date.now();
    const moved = await fetchPage(`${pages.base}/endless/302`, allowed());
    expect(moved.url).toBe(`${pages.base}/news/nasa-adds-five-companies-to-commercial-lunar-lander-program/`);
    const missing = await fetchPage(`${pages.base}/endless/404`, allowed()).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(LinkError);
    expect((missing as LinkError).message).toMatch(/answered with HTTP 404, not the page/);
    expect(Date.now() - started).toBeLessThan(2_000);

    expect(await openAfter(1_000), "connections left open").toBe(0);
    const endless = pages.connections.filter((c) => c.url?.startsWith("/endless/"));
    expect(endless.map((c) => c.url)).toEqual(["/endless/302", "/endless/404"]);
    for (const connection of endless) {
      expect(connection.closed, connection.url ?? "").toBe(true);
      expect(connection.written, connection.url ?? "").toBeLessThan(WRITTEN_BEFORE_CLOSE);
    }
  });
});
