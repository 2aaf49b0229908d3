import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInProcess, tempDataDir } from "../support/cli.js";
import { metadataJson, tempCorpus } from "../support/corpus.js";
import { startPageServer } from "../support/pages.js";

/** A shared corpus of one article, its data folder, and a story on this machine to add. */
async function riverAndFerry() {
  const corpusDir = await tempCorpus({ "river.txt": "The river rose two metres overnight, the mayor said.", "river.json": metadataJson() });
  const story = path.join(await tempDataDir(), "ferry.txt");
  await writeFile(story, "The ferry resumed on Friday, the port authority said.");
  return { corpusDir, dataDir: await tempDataDir(), story };
}

describe("the command line: managing articles, servers and links", () => {
  it("GIVEN --server <id> THEN corpus and reindex change that server's own articles, and ask searches them besides the shared ones", async () => {
    const { corpusDir, dataDir, story } = await riverAndFerry();
    const server = "444444444444444444";
    const added = await runCliInProcess(["corpus", "add", story, "--server", server], { corpusDir, dataDir });
    expect(added.stdout).toMatch(/^Article ferry added\./);
    expect(await readdir(corpusDir)).toEqual(["river.json", "river.txt"]);
    const inServer = await runCliInProcess(["ask", "When did the ferry resume?", "--server", server, "--json"], { corpusDir, dataDir });
    expect(JSON.parse(inServer.stdout).articles.ferry).toMatchObject({ fromServer: true });
    const shared = await runCliInProcess(["ask", "When did the ferry resume?", "--json"], { corpusDir, dataDir });
    expect(JSON.parse(shared.stdout).passages.map((p: { article: string }) => p.article)).not.toContain("ferry");
  });

  it("GIVEN corpus add and remove on the command line THEN the article is checked, added and indexed, then removed to the trash", async () => {
    const { corpusDir, dataDir, story } = await riverAndFerry();
    const added = await runCliInProcess(["corpus", "add", story, "--json"], { corpusDir, dataDir });
    expect(added.status).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, action: "added", id: "ferry", report: { articles: 2 } });
    expect((await runCliInProcess(["ask", "When did the ferry resume?"], { corpusDir, dataDir })).stdout).toContain(
      "> The ferry resumed on Friday",
    );
    const again = await runCliInProcess(["corpus", "add", story], { corpusDir, dataDir });
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/There is already an article with the id ferry\. corpus add <file> --replace overwrites it\./);
    const removed = await runCliInProcess(["corpus", "remove", "ferry"], { corpusDir, dataDir });
    expect(removed.status).toBe(0);
    expect(removed.stdout).toMatch(/^Article ferry removed\./);
  });

  it("GIVEN add <link> THEN the command line fetches the page through the same code, and refuses what the bot refuses", async () => {
    const pages = await startPageServer();
    try {
      const corpusDir = await tempCorpus({
        "river.txt": "The river rose two metres overnight, the mayor said.",
        "river.json": metadataJson(),
      });
      const env = { URL_ALLOWED_PRIVATE_HOSTS: pages.host };
      const folders = { corpusDir, dataDir: await tempDataDir(), env };
      const added = await runCliInProcess(["add", `${pages.base}/story/2019-11-19/disney-plus-kevin-mayer`, "--json"], folders);
      expect(added.stderr).toBe("");
      expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, action: "added", id: "disney-plus-kevin-mayer" });
      expect(await readFile(path.join(corpusDir, "disney-plus-kevin-mayer.txt"), "utf8")).toContain("Disney’s $6.99-a-month service");
      const refused = await runCliInProcess(["add", "http://127.0.0.1:9/"], folders);
      expect(refused.status).toBe(1);
      expect(refused.stdout).toMatch(/^127\.0\.0\.1 is at a loopback address \(127\.0\.0\.1\): only public web pages are fetched\.$/m);
    } finally {
      await pages.stop();
    }
  });
});
