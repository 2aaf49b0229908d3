import { createHash } from "node:crypto";
import { mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * A large JSON value stored as lines, so that neither writing nor reading ever builds one string near
 * V8's 512 MiB limit: structural objects are walked, and each array (or object with many keys) is
 * written as lines of at most BATCH items. Typed arrays are written as their bytes, base64, in lines
 * of at most TYPED_BATCH bytes, and read straight back into a typed array. The first line is a header,
 * the last a trailer with the line count and a SHA-256 of every line before it: a truncated or
 * altered file is detected.
 */
const BATCH = 2_000;
const TYPED_BATCH = 48 << 10;
const SMALL_OBJECT_KEYS = 32;
const FORMAT = "citebot-sections";
const VERSION = 2;
/** Typed arrays are stored in the machine's byte order; a snapshot from the other order is rebuilt. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const TYPED_ARRAYS = { Uint8Array, Int8Array, Uint16Array, Uint32Array, Int32Array, Float32Array, Float64Array };
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

type Json = null | boolean | number | string | TypedArray | Json[] | { [key: string]: Json };

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
    await writeLine({ format: FORMAT, version: VERSION, littleEndian: LITTLE_ENDIAN, ...header });
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
  if (ArrayBuffer.isView(value)) {
    const type = value.constructor.name;
    if (!(type in TYPED_ARRAYS)) throw new TypeError(`cannot store a ${type}`);
    await writeLine({ path: at, typed: type, length: value.length });
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    for (let i = 0; i < bytes.length; i += TYPED_BATCH) {
      await writeLine({
        path: at,
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(TYPED_BATCH, bytes.length - i)).toString("base64"),
      });
    }
    return;
  }
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
  let header: Record<string, unknown> | null = null;
  let root: Record<string, unknown> = {};
  let count = 0;
  let trailer: { lines: number; sha256: string } | null = null;
  const filled = new Map<TypedArray, number>();
  for await (const bytes of linesOf(file)) {
    if (trailer) throw new SnapshotFormatError("data after the end marker");
    const line = bytes.toString("utf8");
    // biome-ignore lint/suspicious/noExplicitAny: a line of the file as parsed, checked field by field below.
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
    // As written: the line's UTF-8 bytes, then its newline.
    hash.update(bytes);
    hash.update(NEWLINE);
    count++;
    if (!header) {
      if (record?.format !== FORMAT) throw new SnapshotFormatError("not a Citebot snapshot");
      if (record.version !== VERSION) throw new SnapshotFormatError(`snapshot format ${record.version}, expected ${VERSION}`);
      if (record.littleEndian !== LITTLE_ENDIAN) throw new SnapshotFormatError("written on a machine of the other byte order");
      header = record;
      continue;
    }
    root = place(root, record, filled);
  }
  if (!header) throw new SnapshotFormatError("empty file");
  if (!trailer) throw new SnapshotFormatError("no end marker (truncated)");
  for (const [array, bytes] of filled) if (bytes !== array.byteLength) throw new SnapshotFormatError("a typed array is incomplete");
  if (trailer.lines !== count || trailer.sha256 !== hash.digest("hex")) throw new SnapshotFormatError("checksum mismatch (corrupted)");
  return { header, value: root };
}

const NEWLINE = Buffer.from("\n");
/** How much of the file is read at a time. */
const CHUNK = 4 << 20;

/**
 * The file's lines, without their line ends (a "\r" before a "\n" goes too), read a few megabytes
 * at a time: node:readline took about a third of the time of loading a large snapshot, most of it
 * joining the pieces of lines longer than its chunks. Each line is a view of a buffer read into again
 * for the next: it must be used before the next is asked for.
 */
async function* linesOf(file: string): AsyncGenerator<Buffer> {
  const handle = await open(file, "r");
  try {
    let buffer = Buffer.allocUnsafe(CHUNK);
    // Bytes at the start of the buffer: a line begun in the chunk before, moved there.
    let carried = 0;
    for (;;) {
      // A line longer than the buffer: a bigger one.
      if (carried === buffer.length) {
        const bigger = Buffer.allocUnsafe(2 * buffer.length);
        buffer.copy(bigger, 0, 0, carried);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, carried, buffer.length - carried, null);
      if (bytesRead === 0) break;
      const data = buffer.subarray(0, carried + bytesRead);
      let start = 0;
      for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
        yield data.subarray(start, end > start && data[end - 1] === 13 ? end - 1 : end);
        start = end + 1;
      }
      carried = data.copy(buffer, 0, start);
    }
    if (carried > 0) yield buffer.subarray(0, buffer[carried - 1] === 13 ? carried - 1 : carried);
  } finally {
    await handle.close();
  }
}

/** Bytes of each typed array read so far: a typed array must be filled exactly. */
type Filled = Map<TypedArray, number>;

function place(root: Record<string, unknown>, record: { path: string[]; [k: string]: unknown }, filled: Filled): Record<string, unknown> {
  const at = record.path;
  if (!Array.isArray(at)) throw new SnapshotFormatError("a line without a path");
  // The root itself: an empty object to begin with, already made.
  if (at.length === 0) return root;
  // biome-ignore lint/suspicious/noExplicitAny: walks a path of the file's own making; the result is checked just below.
  const parent = at.slice(0, -1).reduce<any>((node, key) => node?.[key], root);
  if (parent === null || typeof parent !== "object") throw new SnapshotFormatError(`no parent for ${at.join(".")}`);
  const key = at.at(-1)!;
  if (record.typed) parent[key] = typedArray(record, filled);
  else if ("bytes" in record) fill(parent[key], record.bytes, filled);
  else if (record.array) parent[key] = [];
  else if (record.object || record.entries) parent[key] = {};
  else if ("items" in record) for (const item of record.items as unknown[]) parent[key].push(item);
  else if ("pairs" in record) for (const [k, v] of record.pairs as [string, unknown][]) parent[key][k] = v;
  else parent[key] = record.value;
  return root;
}

function typedArray(record: Record<string, unknown>, filled: Filled): TypedArray {
  const type = record.typed as string;
  const length = record.length;
  if (!Object.hasOwn(TYPED_ARRAYS, type) || !Number.isSafeInteger(length) || (length as number) < 0)
    throw new SnapshotFormatError("a malformed typed array");
  const array = new TYPED_ARRAYS[type as TypedArrayName](length as number);
  filled.set(array, 0);
  return array;
}

function fill(array: unknown, base64: unknown, filled: Filled): void {
  const at = filled.get(array as TypedArray);
  if (at === undefined || typeof base64 !== "string") throw new SnapshotFormatError("bytes without their typed array");
  const target = array as TypedArray;
  const bytes = Buffer.from(base64, "base64");
  if (at + bytes.length > target.byteLength) throw new SnapshotFormatError("a typed array overflows");
  new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes, at);
  filled.set(target, at + bytes.length);
}

/** Temporary files left by a writer that was killed mid-write (its process is gone). */
async function removeAbandonedTemporaries(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  for (const name of await readdir(path.dirname(file)).catch(() => [] as string[])) {
    if (name.startsWith(prefix) && isAbandonedTemporary(name)) await rm(path.join(path.dirname(file), name), { force: true });
  }
}

/** Whether a file name is a temporary file of this module's (`<file>.<pid>.<time>.tmp`) whose writer is gone. */
export function isAbandonedTemporary(name: string): boolean {
  const match = name.match(/\.(\d+)\.\d+\.tmp$/);
  return match !== null && !processAlive(Number(match[1]));
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
