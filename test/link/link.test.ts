import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleFromLink } from "../../src/link/articleFromLink.js";
import { fetchPage, LinkError } from "../../src/link/safeFetch.js";
import { startPageServer } from "../support/pages.js";

let pages: Awaited<ReturnType<typeof startPageServer>>;
const allowed = () => ({ allowedPrivateHosts: [pages.host] });
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LinkError);
  return (error as LinkError).message;
};

beforeAll(async () => {
  pages = await startPageServer();
});
afterAll(async () => {
  await pages?.stop();
});

describe("an article by link: the page's article text, byte for byte what is stored, and its metadata", () => {
  it("GIVEN a saved news page THEN its paragraphs without the page around them, and title, publisher, date and canonical link from its tags", async () => {
    const link = `${pages.base}/news/nasa-adds-five-companies-to-commercial-lunar-lander-program/`;
    const article = await articleFromLink(link, {}, allowed());
    const text = Buffer.from(await article.upload.read()).toString("utf8");
    // The article as published (the eval set's copy of it): every paragraph, nothing of the menus, ads, captions or related links.
    expect(text).toBe(readFileSync("test/fixtures/pages/spacenews-clps.txt", "utf8"));
    expect(text).not.toMatch(/Advertisement|cookies|Related|Photo credit|All rights reserved/);
    expect(article.upload.name).toBe("nasa-adds-five-companies-to-commercial-lunar-lander-program.txt");
    expect(article.fields).toEqual({
      title: "NASA adds five companies to commercial lunar lander program",
      publisher: "SpaceNews",
      url: "https://spacenews.com/nasa-adds-five-companies-to-commercial-lunar-lander-program/",
      published: "2019-11-19",
    });
    expect(article.provenance.fetched?.from).toBe(link);
  });

  it("GIVEN a page in windows-1252 THEN its curly quotes decode as the page shows them; what the moderator gives wins over the page", async () => {
    const article = await articleFromLink(`${pages.base}/story/2019-11-19/disney-plus-kevin-mayer`, { title: "Disney+ launch" }, allowed());
    const text = Buffer.from(await article.upload.read()).toString("utf8");
    expect(text).toContain("Disney’s $6.99-a-month service");
    expect(article.fields).toMatchObject({ title: "Disney+ launch", publisher: "Los Angeles Times", published: "2019-11-19" });
    const latin1 = await fetchPage(`${pages.base}/latin1`, allowed());
    expect(latin1.text).toBe("<p>Café “quoted”</p>");
  });

  it("GIVEN a page without its publisher or date THEN the refusal names what to add", async () => {
    expect(await refusal(articleFromLink(`${pages.base}/bare`, {}, allowed()))).toMatch(
      /^The page does not say its title or publisher or published \(YYYY-MM-DD\): add \/corpus add --url .* --title <title> --publisher <publisher> --published <published>\.$/,
    );
    const plain = await articleFromLink(
      `${pages.base}/wire/ferry.txt`,
      { title: "Ferry", publisher: "Wire", published: "2024-01-02" },
      allowed(),
    );
    expect(Buffer.from(await plain.upload.read()).toString("utf8")).toBe(
      "The ferry resumed on Friday, the port said.\n\nIt had been halted for a week.",
    );
  });
});

describe("a linked page is fetched as if the link were hostile", () => {
  it("GIVEN other schemes, credentials or a non-link THEN refused before anything is asked", async () => {
    for (const link of ["ftp://example.org/a.txt", "file:///etc/passwd", "javascript:alert(1)", "not a link"])
      expect(await refusal(fetchPage(link, allowed()))).toMatch(/^(Only http and https links|not a link|.* is not a link)/);
    expect(await refusal(fetchPage("http://user:secret@example.org/", allowed()))).toMatch(/user name or password/);
  });

  it("GIVEN an address that is not public, written any way THEN refused, naming the kind", async () => {
    const cases: [string, RegExp][] = [
      ["http://127.0.0.1/", /loopback/],
      ["http://[::1]/", /loopback/],
      ["http://[::ffff:127.0.0.1]/", /loopback/],
      ["http://[::ffff:7f00:1]/", /loopback/],
      ["http://2130706433/", /loopback/],
      ["http://0x7f.1/", /loopback/],
      ["http://10.0.0.8/", /private/],
      ["http://192.168.1.1/", /private/],
      ["http://172.16.0.1/", /private/],
      ["http://169.254.169.254/latest/meta-data/", /link-local/],
      ["http://100.64.0.1/", /carrier-grade NAT/],
      ["http://224.0.0.1/", /multicast/],
      ["http://0.0.0.0/", /unspecified/],
      ["http://[fc00::1]/", /unique-local/],
      ["http://[fe80::1]/", /link-local/],
      ["http://localhost/", /loopback/],
    ];
    for (const [link, kind] of cases) {
      const said = await refusal(fetchPage(link, { allowedPrivateHosts: [] }));
      expect(said, link).toMatch(/only public web pages are fetched/);
      expect(said, link).toMatch(kind);
    }
  });

  it("GIVEN redirects THEN each hop is checked: five are followed, a sixth or one to a private address is refused", async () => {
    const moved = await fetchPage(`${pages.base}/moved`, allowed());
    expect(moved.url).toBe(`${pages.base}/news/nasa-adds-five-companies-to-commercial-lunar-lander-program/`);
    expect(await refusal(fetchPage(`${pages.base}/loop/0`, allowed()))).toMatch(/redirects more than 5 times/);
    expect(await refusal(fetchPage(`${pages.base}/to-private`, allowed()))).toMatch(/^10\.1\.2\.3 is at a private address/);
  });

  it("GIVEN a page too large (no length said), one that never answers, a PDF or a missing page THEN each refused plainly", async () => {
    expect(await refusal(fetchPage(`${pages.base}/big`, allowed()))).toMatch(/is larger than 5 MB/);
    expect(await refusal(fetchPage(`${pages.base}/slow`, { ...allowed(), timeoutMs: 300 }))).toMatch(/took too long to answer/);
    expect(await refusal(fetchPage(`${pages.base}/report.pdf`, allowed()))).toMatch(/is application\/pdf, not a web page/);
    expect(await refusal(fetchPage(`${pages.base}/gone`, allowed()))).toMatch(/answered with HTTP 404/);
  });

  it("GIVEN a page nested 1,200 elements deep THEN refused before readability reads it, saying which limit and what to do instead", async () => {
    expect(await refusal(articleFromLink(`${pages.base}/nested`, {}, allowed()))).toBe(
      "The page is nested more than 128 elements deep, the most Citebot reads: it cannot safely take an article out of it. Save the article's text as a .txt file and add it with /corpus add <file> instead.",
    );
  });
});
