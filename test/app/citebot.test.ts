import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Citebot } from "../../src/app/citebot.js";
import { openEngine } from "../../src/build/open.js";
import { tempDataDir } from "../support/cli.js";
import { metadataJson, tempCorpus } from "../support/corpus.js";

/** A corpus big enough that a rebuild takes a noticeable time. */
async function bigCorpus(): Promise<string> {
  const files: Record<string, string> = {};
  for (let a = 0; a < 40; a++) {
    files[`wire${a}.txt`] = Array.from(
      { length: 120 },
      (_, i) => `Official ${a}-${i} said the harbour at Port ${i % 17} would reopen on day ${i}, according to the agency.`,
    ).join("\n");
    files[`wire${a}.json`] = metadataJson({ title: `Wire ${a}` });
  }
  // Every harbour above reopens on a different day: a question about one has many answers. This has one.
  files["wire0.txt"] += "\nThe ferry to Isle Marn was cancelled on Friday because of the storm, the port said.";
  return tempCorpus(files);
}

describe("Citebot reindex", () => {
  it("GIVEN a reindex running THEN questions are answered from the previous index meanwhile, and a second request joins the first", async () => {
    const corpusDir = await bigCorpus();
    const folders = { corpusDir, dataDir: await tempDataDir() };
    const app = new Citebot((await openEngine(folders)).engine, folders);
    await writeFile(path.join(corpusDir, "late.txt"), "The lighthouse at Cape Ora was repainted in May, the keeper said.");

    const first = app.shared.reindex();
    const second = app.shared.reindex();
    expect(app.shared.reindexing).toBe(true);
    expect(second).toBe(first);

    let answeredDuring = 0;
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      if (app.shared.reindexing && app.engine.ask("Why was the ferry to Isle Marn cancelled?").answered) answeredDuring++;
    }, 5);
    const outcome = await first;
    clearInterval(ticker);

    expect(outcome).toMatchObject({ ok: true, articles: 41, changes: { added: ["late"] } });
    expect(answeredDuring).toBeGreaterThan(5);
    expect(app.shared.reindexing).toBe(false);
    expect(app.engine.ask("When was the lighthouse at Cape Ora repainted?").passages[0]!.text).toContain("Cape Ora");
    // The build runs in a worker: the event loop only stalls to load the finished index.
    expect(longestGap).toBeLessThan(1_000);
  });

  it("GIVEN an invalid corpus THEN the reindex fails with the problems and the old engine keeps answering", async () => {
    const corpusDir = await tempCorpus({ "a.txt": "The bridge reopened on Monday, the council said." });
    const folders = { corpusDir, dataDir: await tempDataDir() };
    const app = new Citebot((await openEngine(folders)).engine, folders);
    const before = app.engine;
    await writeFile(path.join(corpusDir, "b.txt"), Buffer.from([0xc3, 0x28]));
    const outcome = await app.shared.reindex();
    expect(outcome).toMatchObject({ ok: false, problems: [{ file: "b.txt", problem: "is not UTF-8 text" }] });
    expect(app.engine).toBe(before);
  });
});
