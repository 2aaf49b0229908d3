import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSections, SnapshotFormatError, writeSections } from "../../src/store/sectionFile.js";
import { tempDataDir } from "../support/cli.js";

const value = {
  list: Array.from({ length: 4_500 }, (_, i) => ({ i, text: `passage ${i}` })),
  many: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [String(i), [i, i * 2]])),
  nested: { n: 3, s: "x", empty: [], none: null },
  words: Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? `Aleppo-${i}` : i % 3 === 1 ? `évacué ${i} “ok”` : "")),
  typed: {
    postings: Uint32Array.from({ length: 40_000 }, (_, i) => i * 7919),
    lengths: Uint16Array.from([1, 65_535, 0]),
    average: Float64Array.from([0.1, -2.5e300]),
    none: new Uint8Array(0),
  },
  blocks: [Uint8Array.from([1, 2, 3]), new Uint8Array(0), Uint8Array.from([255])],
};

async function written(what: Record<string, unknown> = value): Promise<string> {
  const file = path.join(await tempDataDir(), "s.snapshot");
  await writeSections(file, { fingerprint: "f" }, what);
  return file;
}

const bytesOf = (array: Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

describe("section files", () => {
  it("GIVEN a value with long arrays, strings and typed arrays THEN it reads back equal, the typed arrays' bytes stored as they are", async () => {
    const file = await written();
    const { header, value: read } = await readSections(file);
    expect(header.fingerprint).toBe("f");
    expect(read).toEqual(value);
    expect((read.typed as Record<string, unknown>).postings).toBeInstanceOf(Uint32Array);
    const bytes = await readFile(file);
    expect(bytes.indexOf(bytesOf(value.typed.postings))).toBeGreaterThan(0);
    // Not base64: the file is about the size of the bytes it holds.
    expect(bytes.length).toBeLessThan(2 * (value.typed.postings.byteLength + JSON.stringify(value.list).length + 600_000));
  });

  it("GIVEN strings longer than the reader's chunks, text that is not ASCII, and a lone surrogate THEN it reads back exactly", async () => {
    // One string of 5 MB of UTF-8 (the reader takes 4 MB at a time), then bytes.
    const long = {
      articles: ["short", `Aleppo — ${"é".repeat(2_500_000)} “end”`, "after"],
      broken: ["a\ud800b", "fine"],
      after: Float32Array.from({ length: 1_000 }, (_, i) => i / 3),
    };
    const file = await written(long);
    expect((await readSections(file)).value).toEqual(long);
    // Text that looks like the end marker, last before it, is only text.
    const mimic = { texts: ["x", '{"end":true,"lines":2,"crc32":"00000000"}\n'] };
    expect((await readSections(await written(mimic))).value).toEqual(mimic);
  });

  it("GIVEN a typed array of several reading pieces, after bytes the reader had buffered THEN it reads back byte for byte", async () => {
    const large = Float64Array.from({ length: 5_000_000 }, (_, i) => i * 1.5 - (i % 7));
    const file = await written({ first: Uint8Array.from([7, 8, 9]), large, after: "end" });
    const read = (await readSections(file)).value as { large: Float64Array; after: string };
    expect(Buffer.compare(Buffer.from(read.large.buffer), Buffer.from(large.buffer))).toBe(0);
    expect(read.after).toBe("end");
  });

  it("GIVEN arrays of records, flat or not, alike or not THEN each reads back as JSON would give it back", async () => {
    const records = {
      // Flat and alike: stored column by column.
      attributions: Array.from({ length: 3_000 }, (_, i) => ({
        speaker: i % 4 === 0 ? null : `Speaker ${i % 50}`,
        kind: ["direct", "indirect", "none"][i % 3],
        probable: i % 5 === 0,
        count: i % 7 === 0 ? Number.NaN : i / 8,
        quote: i % 9 === 0 ? "“Aleppo” — é" : "",
      })),
      keysInAnotherOrder: [
        { a: 1, b: 2 },
        { b: 3, a: 4 },
      ],
      nestedValue: [{ a: 1 }, { a: [2] }],
      missingValue: [
        { a: 1, b: undefined },
        { a: 2, b: 3 },
      ],
      loneSurrogate: [{ a: "x\udc00" }, { a: "y" }],
      oneKeyFewRows: [{ "": "empty key" }],
    };
    const file = await written(records);
    expect((await readSections(file)).value).toEqual(JSON.parse(JSON.stringify(records)));
    expect(JSON.stringify((await readSections(file)).value)).toBe(JSON.stringify(records));
  });

  it("GIVEN a file cut anywhere THEN it is detected", async () => {
    const bytes = await readFile(await written());
    const file = path.join(await tempDataDir(), "cut.snapshot");
    for (const cut of [bytes.length - 5, bytes.length - 200, Math.floor(bytes.length / 2), Math.floor(bytes.length / 5), 10, 0]) {
      await writeFile(file, bytes.subarray(0, cut));
      await expect(readSections(file)).rejects.toBeInstanceOf(SnapshotFormatError);
    }
  });

  it("GIVEN one altered byte, in text or in a typed array's bytes, or bytes after the end THEN it is detected", async () => {
    const file = await written();
    const bytes = await readFile(file);
    const text = Buffer.from(bytes);
    text.write("8", text.indexOf("passage 77") + 9);
    await writeFile(file, text);
    await expect(readSections(file)).rejects.toThrow(/checksum mismatch/);
    const typed = Buffer.from(bytes);
    typed[typed.indexOf(bytesOf(value.typed.postings)) + 4_001]! ^= 1;
    await writeFile(file, typed);
    await expect(readSections(file)).rejects.toThrow(/checksum mismatch/);
    await writeFile(file, Buffer.concat([bytes, Buffer.from("x")]));
    await expect(readSections(file)).rejects.toThrow(/no end marker \(truncated, or written to after\)/);
    // A copy whose line ends a tool rewrote as CRLF is not the same file.
    await writeFile(file, bytes.toString("latin1").replaceAll("\n", "\r\n"), "latin1");
    await expect(readSections(file)).rejects.toBeInstanceOf(SnapshotFormatError);
  });

  it("GIVEN a record that claims more bytes than the file holds THEN it is refused without allocating them", async () => {
    const file = path.join(await tempDataDir(), "claims.snapshot");
    const header = '{"format":"citebot-sections","version":3,"littleEndian":true}\n{"path":[],"object":true}\n';
    for (const record of ['{"path":["a"],"typed":"Float64Array","length":4000000000}', '{"path":["a"],"strings":2,"bytes":5000000000}']) {
      await writeFile(file, `${header}${record}\n\u0001\u0000\u0000\u0000\u0001\u0000\u0000\u0000ab`);
      await expect(readSections(file)).rejects.toBeInstanceOf(SnapshotFormatError);
    }
  });

  it("GIVEN some other file THEN it is refused as foreign", async () => {
    const file = path.join(await tempDataDir(), "other");
    await writeFile(file, '{"hello": 1}\n');
    await expect(readSections(file)).rejects.toThrow(/not a Citebot snapshot/);
  });
});
