import { type FileHandle, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";

/**
 * A large value (JSON, strings and typed arrays) stored as records, so that neither writing nor
 * reading ever builds one string near V8's 512 MiB limit, and the bulk of a library is never text to
 * parse. Each record is a line of JSON; two kinds are followed by raw bytes:
 * - a typed array (`{"path","typed","length"}`): its bytes, in the machine's byte order, read straight
 *   into the array;
 * - an array of strings (`{"path","strings","bytes"}`): each string's UTF-8 length (Uint32), then the
 *   strings' UTF-8, one after another.
 * Structural objects are walked; other arrays (and objects with many keys) go in lines of at most
 * BATCH items; but an array of flat records with the same keys (a table) goes column by column,
 * each column its distinct values and each row's place among them (Uint32). The first line is a
 * header, the last a trailer with the record count and a CRC-32 of every byte before it: a truncated
 * or altered file is detected. (CRC-32 finds any accident; SHA-256, three times slower, was a sixth
 * of loading a large library, and guards against nothing more here: whoever can write the file can
 * write its checksum.)
 */
const BATCH = 2_000;
const SMALL_OBJECT_KEYS = 32;
const FORMAT = "citebot-sections";
const VERSION = 3;
/** Typed arrays are stored in the machine's byte order; a snapshot from the other order is rebuilt. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** A large array is read in pieces of this size, this many at once. */
const READ_PIECE = 16 << 20;
const PARALLEL_READS = 2;
/** How the last line, the end marker, begins. */
const TRAILER_START = '{"end":true,';
/** How much is read, or gathered for writing, at a time. */
const CHUNK = 4 << 20;
/** At most this much in one write call (a write of more than 2 GiB is cut short by Linux). */
const MAX_WRITE = 64 << 20;

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
  try {
    const out = new RecordWriter(handle);
    await out.record({ format: FORMAT, version: VERSION, littleEndian: LITTLE_ENDIAN, ...header });
    await walk(value as Json, [], out);
    await out.end();
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

/** A running CRC-32. */
class Checksum {
  private value = 0;

  /** In pieces: zlib counts a length in 32 bits. */
  update(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.byteLength; at += MAX_WRITE) this.value = crc32(bytes.subarray(at, at + MAX_WRITE), this.value);
  }

  hex(): string {
    return this.value.toString(16).padStart(8, "0");
  }
}

/** Records and raw bytes, gathered into large writes and checksummed as they go. */
class RecordWriter {
  private readonly checksum = new Checksum();
  private records = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(private readonly handle: FileHandle) {}

  async record(record: unknown): Promise<void> {
    this.records++;
    await this.bytes(Buffer.from(`${JSON.stringify(record)}\n`));
  }

  /** Bytes the caller leaves unchanged until they are written (the library's arrays are never changed). */
  async bytes(bytes: Uint8Array): Promise<void> {
    this.checksum.update(bytes);
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= CHUNK) await this.flush();
  }

  /** A record (`head` with the strings' count and bytes), the strings' UTF-8 lengths, then their UTF-8. */
  async strings(head: Record<string, unknown>, strings: string[]): Promise<void> {
    const lengths = new Uint32Array(strings.length);
    let total = 0;
    for (let i = 0; i < strings.length; i++) total += lengths[i] = Buffer.byteLength(strings[i]!, "utf8");
    await this.record({ ...head, strings: strings.length, bytes: total });
    await this.bytes(bytesOf(lengths));
    // Each string encoded on its own (joined strings could pair two halves of a character); small ones share a chunk.
    let chunk = Buffer.allocUnsafe(CHUNK);
    let used = 0;
    for (let i = 0; i < strings.length; i++) {
      const length = lengths[i]!;
      if (used + length > chunk.length) {
        if (used > 0) await this.bytes(chunk.subarray(0, used));
        chunk = Buffer.allocUnsafe(Math.max(CHUNK, length));
        used = 0;
      }
      used += chunk.write(strings[i]!, used, "utf8");
    }
    if (used > 0) await this.bytes(chunk.subarray(0, used));
  }

  /** A table (`tableKeys`), column by column: each column's distinct values, then each row's place among them. */
  async table(at: string[], rows: Record<string, Primitive>[], keys: string[]): Promise<void> {
    await this.record({ path: at, table: keys, rows: rows.length });
    for (const key of keys) {
      const places = new Map<Primitive, number>();
      const values: Primitive[] = [];
      const ids = new Uint32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const value = rows[i]![key]!;
        let id = places.get(value);
        if (id === undefined) {
          id = values.length;
          places.set(value, id);
          values.push(value);
        }
        ids[i] = id;
      }
      // The distinct values that are not strings (null, true, a number: few) in the record itself;
      // the strings after it. A row's place counts the others first.
      const others = values.filter((value) => typeof value !== "string");
      const strings = values.filter((value) => typeof value === "string");
      if (others.length > 0) {
        const placed = new Uint32Array(values.length);
        let other = 0;
        let string = others.length;
        for (let id = 0; id < values.length; id++) placed[id] = typeof values[id] === "string" ? string++ : other++;
        for (let i = 0; i < ids.length; i++) ids[i] = placed[ids[i]!]!;
      }
      await this.strings({ column: key, others }, strings);
      await this.bytes(bytesOf(ids));
    }
  }

  async end(): Promise<void> {
    await this.flush();
    const trailer = JSON.stringify({ end: true, lines: this.records, crc32: this.checksum.hex() });
    if (!trailer.startsWith(TRAILER_START)) throw new Error("the end marker must begin as the reader looks for it");
    await this.handle.write(`${trailer}\n`);
  }

  private async flush(): Promise<void> {
    for (const bytes of this.pending) {
      for (let at = 0; at < bytes.byteLength; ) {
        const { bytesWritten } = await this.handle.write(bytes, at, Math.min(MAX_WRITE, bytes.byteLength - at));
        at += bytesWritten;
      }
    }
    this.pending = [];
    this.pendingBytes = 0;
  }
}

const bytesOf = (array: TypedArray): Uint8Array => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/** Strings that UTF-8 gives back exactly: a lone surrogate would come back as U+FFFD. */
const storableAsUtf8 = (value: Json[]): value is string[] =>
  value.length > 0 && value.every((item) => typeof item === "string" && item.isWellFormed());

type Primitive = string | number | boolean | null;

const isPrimitive = (value: unknown): value is Primitive =>
  value === null || typeof value === "number" || typeof value === "boolean" || (typeof value === "string" && value.isWellFormed());

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;

/**
 * The keys of an array of flat records (plain objects of strings, numbers, booleans and nulls) that
 * all have the same keys in the same order; null for any other array.
 */
function tableKeys(rows: Json[]): string[] | null {
  const first = rows[0];
  if (!isPlainObject(first)) return null;
  const keys = Object.keys(first);
  if (keys.length === 0 || keys.includes("__proto__")) return null;
  for (const row of rows) {
    if (!isPlainObject(row)) return null;
    const own = Object.keys(row);
    if (own.length !== keys.length) return null;
    for (let k = 0; k < keys.length; k++) if (own[k] !== keys[k] || !isPrimitive(row[keys[k]!])) return null;
  }
  return keys;
}

async function walk(value: Json, at: string[], out: RecordWriter): Promise<void> {
  if (ArrayBuffer.isView(value)) {
    const type = value.constructor.name;
    if (!(type in TYPED_ARRAYS)) throw new TypeError(`cannot store a ${type}`);
    await out.record({ path: at, typed: type, length: value.length });
    await out.bytes(bytesOf(value));
    return;
  }
  if (Array.isArray(value)) {
    if (storableAsUtf8(value)) return out.strings({ path: at }, value);
    const keys = tableKeys(value);
    if (keys) return out.table(at, value as Record<string, Primitive>[], keys);
    await out.record({ path: at, array: true });
    // A few typed arrays (blocks of bytes): each item walked, placed by its position.
    if (value.some((item) => ArrayBuffer.isView(item))) {
      for (let i = 0; i < value.length; i++) await walk(value[i]!, [...at, String(i)], out);
      return;
    }
    for (let i = 0; i < value.length; i += BATCH) await out.record({ path: at, items: value.slice(i, i + BATCH) });
    return;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length <= SMALL_OBJECT_KEYS) {
      await out.record({ path: at, object: true });
      for (const key of keys) await walk(value[key]!, [...at, key], out);
      return;
    }
    await out.record({ path: at, entries: true });
    for (let i = 0; i < keys.length; i += BATCH) {
      await out.record({ path: at, pairs: keys.slice(i, i + BATCH).map((k) => [k, value[k]]) });
    }
    return;
  }
  await out.record({ path: at, value });
}

/**
 * Reads a file written by writeSections; throws SnapshotFormatError when it is truncated, altered or
 * foreign. The checksum is worked out first, over the file streamed through one small buffer, before
 * anything is parsed: checksumming the arrays where they are read to would be the first touch of
 * their memory, dear on some machines (a virtual machine's page faults: three seconds a gigabyte
 * here), for arrays a question reads a few bytes of.
 */
export async function readSections(file: string): Promise<{ header: Record<string, unknown>; value: Record<string, unknown> }> {
  const handle = await open(file, "r");
  try {
    const size = (await handle.stat()).size;
    const input = new RecordReader(handle, size);
    const header = parseRecord(await input.line(), 1);
    if (header === null) throw new SnapshotFormatError("empty file");
    if (header?.format !== FORMAT) throw new SnapshotFormatError("not a Citebot snapshot");
    if (header.version !== VERSION) throw new SnapshotFormatError(`snapshot format ${header.version}, expected ${VERSION}`);
    if (header.littleEndian !== LITTLE_ENDIAN) throw new SnapshotFormatError("written on a machine of the other byte order");
    const trailer = await trailerOf(handle, size);
    if (trailer.crc32 !== (await checksumOf(handle, trailer.at))) throw new SnapshotFormatError("checksum mismatch (corrupted)");
    let root: Record<string, unknown> = {};
    while (input.position() < trailer.at) root = await place(root, parseRecord(await input.line(), input.lines + 1), input);
    if (input.position() !== trailer.at || input.lines !== trailer.lines)
      throw new SnapshotFormatError("records out of step with the end marker");
    return { header, value: root };
  } finally {
    await handle.close();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a record of the file as parsed, checked field by field where it is used.
function parseRecord(line: string | null, count: number): any {
  if (line === null) return null;
  try {
    return JSON.parse(line);
  } catch {
    throw new SnapshotFormatError(`record ${count} is not JSON (truncated or corrupted)`);
  }
}

/** The end marker (the last line): the record count, the checksum, and where it begins. */
async function trailerOf(handle: FileHandle, size: number): Promise<{ lines: number; crc32: string; at: number }> {
  const tail = Buffer.alloc(Math.min(size, 4096));
  await handle.read(tail, 0, tail.length, size - tail.length);
  // It follows a line's end or an array's raw bytes: found by how it begins, the last such in the file.
  const at = tail.length > 0 && tail[tail.length - 1] === 10 ? tail.lastIndexOf(TRAILER_START) : -1;
  let trailer: unknown;
  try {
    trailer = at === -1 ? null : JSON.parse(tail.toString("utf8", at, tail.length - 1));
  } catch {
    trailer = null;
  }
  const { end, lines, crc32 } = (trailer ?? {}) as { end?: unknown; lines?: unknown; crc32?: unknown };
  if (end !== true || !Number.isSafeInteger(lines) || typeof crc32 !== "string")
    throw new SnapshotFormatError("no end marker (truncated, or written to after)");
  return { lines: lines as number, crc32, at: size - tail.length + at };
}

/** The CRC-32 of the file's first `length` bytes. */
async function checksumOf(handle: FileHandle, length: number): Promise<string> {
  const checksum = new Checksum();
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (let at = 0; at < length; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, length - at), at);
    if (bytesRead === 0) throw new SnapshotFormatError("the file changed while it was read");
    checksum.update(buffer.subarray(0, bytesRead));
    at += bytesRead;
  }
  return checksum.hex();
}

/** A file read a few megabytes at a time, as lines and as runs of bytes; large runs straight into their typed arrays. */
class RecordReader {
  private buffer = Buffer.allocUnsafe(CHUNK);
  /** Unread bytes are buffer[start, end). */
  private start = 0;
  private end = 0;
  /** Bytes of the file not yet in the buffer. */
  private unbuffered: number;
  /** Lines read so far. */
  lines = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {
    this.unbuffered = size;
  }

  /** Where the next unread byte is in the file. */
  position(): number {
    return this.size - this.remaining();
  }

  /** The next line, without its newline; null at the end of the file. */
  async line(): Promise<string | null> {
    let searched = 0;
    for (;;) {
      const newline = this.buffer.subarray(this.start + searched, this.end).indexOf(10);
      if (newline !== -1) {
        const end = this.start + searched + newline;
        const line = this.buffer.toString("utf8", this.start, end);
        this.start = end + 1;
        this.lines++;
        return line;
      }
      searched = this.end - this.start;
      if (!(await this.more(searched + 1))) {
        if (this.end === this.start) return null;
        throw new SnapshotFormatError("a record without its line end (truncated)");
      }
    }
  }

  /** Bytes not yet read. */
  remaining(): number {
    return this.end - this.start + this.unbuffered;
  }

  buffered(count: number): boolean {
    return this.end - this.start >= count;
  }

  /** Whether `count` unread bytes are (now) in the buffer; false when the file ends first. */
  async more(count: number): Promise<boolean> {
    if (this.end - this.start >= count) return true;
    if (this.remaining() < count) return false;
    if (count > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(count, 2 * this.buffer.length));
      this.buffer.copy(bigger, 0, this.start, this.end);
      this.buffer = bigger;
    } else {
      this.buffer.copy(this.buffer, 0, this.start, this.end);
    }
    this.end -= this.start;
    this.start = 0;
    while (this.end < count) {
      const position = this.size - this.unbuffered;
      const { bytesRead } = await this.handle.read(
        this.buffer,
        this.end,
        Math.min(this.buffer.length - this.end, this.unbuffered),
        position,
      );
      if (bytesRead === 0) throw new SnapshotFormatError("the file changed while it was read");
      this.end += bytesRead;
      this.unbuffered -= bytesRead;
    }
    return true;
  }

  /** The next `count` bytes, decoded as UTF-8: `more(count)` must have said they are buffered. */
  takeString(count: number): string {
    const text = this.buffer.toString("utf8", this.start, this.start + count);
    this.start += count;
    return text;
  }

  /**
   * Fills `target` with the next bytes (the caller has checked the file holds them): what is
   * buffered, then the rest straight from the file, in
   * pieces read PARALLEL_READS at a time (placing fresh pages is most of a large read's time, and
   * runs on as many cores as there are reads).
   */
  async into(target: Uint8Array): Promise<void> {
    const buffered = Math.min(target.byteLength, this.end - this.start);
    target.set(this.buffer.subarray(this.start, this.start + buffered));
    this.start += buffered;
    const position = this.size - this.unbuffered - buffered;
    let next = buffered;
    const reader = async () => {
      for (let at = next; at < target.byteLength; at = next) {
        const end = Math.min(at + READ_PIECE, target.byteLength);
        next = end;
        while (at < end) {
          const { bytesRead } = await this.handle.read(target, at, end - at, position + at);
          if (bytesRead === 0) throw new SnapshotFormatError("the file changed while it was read");
          at += bytesRead;
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_READS }, reader));
    this.unbuffered -= target.byteLength - buffered;
  }
}

async function place(
  root: Record<string, unknown>,
  record: { path: string[]; [k: string]: unknown },
  input: RecordReader,
): Promise<Record<string, unknown>> {
  const at = record.path;
  if (!Array.isArray(at)) throw new SnapshotFormatError("a line without a path");
  // The root itself: an empty object to begin with, already made.
  if (at.length === 0) return root;
  // biome-ignore lint/suspicious/noExplicitAny: walks a path of the file's own making; the result is checked just below.
  const parent = at.slice(0, -1).reduce<any>((node, key) => node?.[key], root);
  if (parent === null || typeof parent !== "object") throw new SnapshotFormatError(`no parent for ${at.join(".")}`);
  const key = at.at(-1)!;
  if (record.typed) parent[key] = await typedArray(record, input);
  else if ("strings" in record) parent[key] = await strings(record, input);
  else if ("table" in record) parent[key] = await table(record, input);
  else if (record.array) parent[key] = [];
  else if (record.object || record.entries) parent[key] = {};
  else if ("items" in record && Array.isArray(parent[key])) for (const item of record.items as unknown[]) parent[key].push(item);
  else if ("pairs" in record) for (const [k, v] of record.pairs as [string, unknown][]) parent[key][k] = v;
  else parent[key] = record.value;
  return root;
}

async function typedArray(record: Record<string, unknown>, input: RecordReader): Promise<TypedArray> {
  const type = record.typed as string;
  const length = record.length;
  if (!Object.hasOwn(TYPED_ARRAYS, type) || !Number.isSafeInteger(length) || (length as number) < 0)
    throw new SnapshotFormatError("a malformed typed array");
  const Type = TYPED_ARRAYS[type as TypedArrayName];
  if ((length as number) * Type.BYTES_PER_ELEMENT > input.remaining()) throw new SnapshotFormatError("an array is cut short (truncated)");
  const array = new Type(length as number);
  await input.into(bytesOf(array));
  return array;
}

async function strings(record: Record<string, unknown>, input: RecordReader): Promise<string[]> {
  const { strings: count, bytes } = record;
  if (!Number.isSafeInteger(count) || (count as number) < 0 || !Number.isSafeInteger(bytes))
    throw new SnapshotFormatError("malformed strings");
  const lengths = await typedArray({ typed: "Uint32Array", length: count }, input);
  let total = 0;
  for (const length of lengths) total += length;
  if (total !== bytes) throw new SnapshotFormatError("malformed strings");
  const read: string[] = [];
  for (const length of lengths) {
    if (!input.buffered(length) && !(await input.more(length))) throw new SnapshotFormatError("strings cut short (truncated)");
    read.push(input.takeString(length));
  }
  return read;
}

async function table(record: Record<string, unknown>, input: RecordReader): Promise<Record<string, Primitive>[]> {
  const { table: keys, rows } = record;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === "string" && key !== "__proto__") || !Number.isSafeInteger(rows))
    throw new SnapshotFormatError("a malformed table");
  const columns: { values: Primitive[]; ids: Uint32Array }[] = [];
  for (const key of keys as string[]) {
    const head = parseRecord(await input.line(), input.lines + 1);
    if (head?.column !== key) throw new SnapshotFormatError("a table's columns are out of order");
    const others: unknown = head.others;
    if (!Array.isArray(others) || !others.every((value) => value === null || ["number", "boolean"].includes(typeof value)))
      throw new SnapshotFormatError("a table's column is malformed");
    const values: Primitive[] = [...(others as Primitive[]), ...(await strings(head, input))];
    const ids = (await typedArray({ typed: "Uint32Array", length: rows }, input)) as Uint32Array;
    for (const id of ids) if (id >= values.length) throw new SnapshotFormatError("a table's row points past its column's values");
    columns.push({ values, ids });
  }
  const table: Record<string, Primitive>[] = [];
  for (let i = 0; i < (rows as number); i++) {
    const row: Record<string, Primitive> = {};
    for (let k = 0; k < columns.length; k++) row[keys[k] as string] = columns[k]!.values[columns[k]!.ids[i]!]!;
    table.push(row);
  }
  return table;
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
