import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSections, SnapshotFormatError, writeSections } from "../../src/store/sectionFile.js";
import { tempDataDir } from "../support/cli.js";

const value = {
  list: Array.from({ length: 4_500 }, (_, i) => ({ i, text: `passage ${i}` })),
  many: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [String(i), [i, i * 2]])),
  nested: { n: 3, s: "x", empty: [], none: null },
  typed: {
    postings: Uint32Array.from({ length: 40_000 }, (_, i) => i * 7919),
    lengths: Uint16Array.from([1, 65_535, 0]),
    average: Float64Array.from([0.1, -2.5e300]),
    none: new Uint8Array(0),
  },
};

async function written(): Promise<string> {
  const file = path.join(await tempDataDir(), "s.snapshot");
  await writeSections(file, { fingerprint: "f" }, value);
  return file;
}

describe("section files", () => {
  it("GIVEN a value with long arrays and many-keyed objects THEN it reads back equal, in lines of bounded size", async () => {
    const file = await written();
    const { header, value: read } = await readSections(file);
    expect(header.fingerprint).toBe("f");
    expect(read).toEqual(value);
    expect((read.typed as Record<string, unknown>).postings).toBeInstanceOf(Uint32Array);
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(100_000);
  });

  it("GIVEN lines longer than the reader's chunks, text that is not ASCII and line ends rewritten as CRLF THEN it reads back equal", async () => {
    // One line of 5 MB (the reader takes 4 MB at a time), then bytes.
    const long = { article: `Aleppo — ${"é".repeat(2_500_000)} “end”`, after: Float32Array.from({ length: 1_000 }, (_, i) => i / 3) };
    const file = path.join(await tempDataDir(), "long.snapshot");
    await writeSections(file, { fingerprint: "f" }, long);
    expect((await readSections(file)).value).toEqual(long);
    // A copy whose line ends a tool turned into CRLF is the same file, read the same.
    await writeFile(file, (await readFile(file, "utf8")).replaceAll("\n", "\r\n"));
    expect((await readSections(file)).value).toEqual(long);
  });

  it("GIVEN a truncated file THEN it is detected", async () => {
    const file = await written();
    const text = await readFile(file, "utf8");
    for (const cut of [text.length - 5, Math.floor(text.length / 2), 10]) {
      await writeFile(file, text.slice(0, cut));
      await expect(readSections(file)).rejects.toBeInstanceOf(SnapshotFormatError);
    }
  });

  it("GIVEN one altered character THEN the checksum catches it", async () => {
    const file = await written();
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("passage 77", "passage 78"));
    await expect(readSections(file)).rejects.toThrow(/checksum mismatch/);
  });

  it("GIVEN some other file THEN it is refused as foreign", async () => {
    const file = path.join(await tempDataDir(), "other");
    await writeFile(file, '{"hello": 1}\n');
    await expect(readSections(file)).rejects.toThrow(/not a Citebot snapshot/);
  });
});
