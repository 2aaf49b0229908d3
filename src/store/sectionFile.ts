import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";

/**
 * A large JSON value stored as lines, so that neither writing nor reading ever builds one string near
 * V8's 512 MiB limit: structural objects are walked, and each array (or object with many keys) is
 * written as lines of at most BATCH items. The first line is a header, the last a trailer with the
 * line count and a SHA-256 of every line before it: a truncated or altered file is detected.
 */
const BATCH = 2_000;
const SMALL_OBJECT_KEYS = 32;
const FORMAT = "citebot-sections";
const VERSION = 1;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class SnapshotFormatError extends Error {
  override name = "SnapshotFormatError";
}

/** Writes value to file atomically: a temporary file, fsync, rename, fsync of the folder. */
export async function writeSections(file: string, header: Record<string, Json>, value: Record<string, unknown>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await removeAbandonedTemporaries(file);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temporary, "w");
  const hash = createHash("sha256");
  let lines = 0;
  let buffered: string[] = [];
  let bufferedBytes = 0;
  const writeLine = async (record: unknown) => {
    const line = `${JSON.stringify(record)}\n`;
    hash.update(line);
    lines++;
    buffered.push(line);
    bufferedBytes += line.length;
    if (bufferedBytes > 1 << 20) await flush();
  };
  const flush = async () => {
    if (buffered.length === 0) return;
    await handle.write(buffered.join(""));
    buffered = [];
    bufferedBytes = 0;
  };
  try {
    await writeLine({ format: FORMAT, version: VERSION, ...header });
    await walk(value as Json, [], writeLine);
    await flush();
    await handle.write(`${JSON.stringify({ end: true, lines, sha256: hash.digest("hex") })}\n`);
    await handle.sync();
    await handle.close();
    await rename(temporary, file);
    await syncFolder(path.dirname(file));
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
}

async function walk(value: Json, at: string[], writeLine: (record: unknown) => Promise<void>): Promise<void> {
  if (Array.isArray(value)) {
    await writeLine({ path: at, array: true });
    for (let i = 0; i < value.length; i += BATCH) await writeLine({ path: at, items: value.slice(i, i + BATCH) });
    return;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length <= SMALL_OBJECT_KEYS) {
      await writeLine({ path: at, object: true });
      for (const key of keys) await walk(value[key]!, [...at, key], writeLine);
      return;
    }
    await writeLine({ path: at, entries: true });
    for (let i = 0; i < keys.length; i += BATCH) {
      await writeLine({ path: at, pairs: keys.slice(i, i + BATCH).map((k) => [k, value[k]]) });
    }
    return;
  }
  await writeLine({ path: at, value });
}

/** Reads a file written by writeSections; throws SnapshotFormatError when it is truncated, altered or foreign. */
export async function readSections(file: string): Promise<{ header: Record<string, unknown>; value: Record<string, unknown> }> {
  const hash = createHash("sha256");
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let header: Record<string, unknown> | null = null;
  let root: Record<string, unknown> = {};
  let count = 0;
  let trailer: { lines: number; sha256: string } | null = null;
  for await (const line of lines) {
    if (trailer) throw new SnapshotFormatError("data after the end marker");
    let record: any;
    try {
      record = JSON.parse(line);
    } catch {
      throw new SnapshotFormatError(`line ${count + 1} is not JSON (truncated or corrupted)`);
    }
    if (record?.end === true) {
      trailer = record;
      continue;
    }
    hash.update(`${line}\n`);
    count++;
    if (!header) {
      if (record?.format !== FORMAT) throw new SnapshotFormatError("not a Citebot snapshot");
      if (record.version !== VERSION) throw new SnapshotFormatError(`snapshot format ${record.version}, expected ${VERSION}`);
      header = record;
      continue;
    }
    root = place(root, record);
  }
  if (!header) throw new SnapshotFormatError("empty file");
  if (!trailer) throw new SnapshotFormatError("no end marker (truncated)");
  if (trailer.lines !== count || trailer.sha256 !== hash.digest("hex")) throw new SnapshotFormatError("checksum mismatch (corrupted)");
  return { header, value: root };
}

function place(root: Record<string, unknown>, record: { path: string[]; [k: string]: unknown }): Record<string, unknown> {
  const at = record.path;
  if (!Array.isArray(at)) throw new SnapshotFormatError("a line without a path");
  if (at.length === 0) return record.object ? root : root;
  const parent = at.slice(0, -1).reduce<any>((node, key) => node?.[key], root);
  if (parent === null || typeof parent !== "object") throw new SnapshotFormatError(`no parent for ${at.join(".")}`);
  const key = at.at(-1)!;
  if (record.array) parent[key] = [];
  else if (record.object || record.entries) parent[key] = {};
  else if ("items" in record) for (const item of record.items as unknown[]) parent[key].push(item);
  else if ("pairs" in record) for (const [k, v] of record.pairs as [string, unknown][]) parent[key][k] = v;
  else parent[key] = record.value;
  return root;
}

/** Temporary files left by a writer that was killed mid-write (its process is gone). */
async function removeAbandonedTemporaries(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  for (const name of await readdir(path.dirname(file)).catch(() => [] as string[])) {
    const pid = Number(name.slice(prefix.length).split(".")[0]);
    if (!name.startsWith(prefix) || !name.endsWith(".tmp") || !Number.isInteger(pid) || processAlive(pid)) continue;
    await rm(path.join(path.dirname(file), name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    await handle.sync().finally(() => handle.close());
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  }
}
