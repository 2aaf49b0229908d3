import { closeSync, constants, type Dirent, fstatSync, openSync, readdirSync, readSync, realpathSync, type Stats } from "node:fs";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { CorpusProblem } from "./errors.js";
import { formatBytes, isCorpusFileName, maxBytesOf, tooLarge } from "./files.js";

/** What the corpus folder holds: every article and metadata file's bytes, and what could not be read. */
export interface CorpusFolder {
  dir: string;
  /** File name → bytes, in name order (emptied by releaseBytes). */
  files: Map<string, Buffer>;
  /** Entries that are not files Citebot may read (too large, a folder, a pipe, a link out of the folder), and unreadable ones. */
  problems: CorpusProblem[];
}

/** Lets the folder's bytes go once what was needed of them is taken: a million passages' text is 130 MB. */
export function releaseBytes(folder: CorpusFolder): void {
  folder.files.clear();
}

/** Bytes read between two turns of the event loop: a few milliseconds of work. */
const BYTES_PER_TURN = 4 << 20;
/** What opening and closing a file costs, counted as bytes read. */
const BYTES_PER_OPEN = 4096;

/**
 * Reads every `.txt` and `.json` in the folder: regular files only, each within its size limit, and
 * links only to files inside the folder (a link to a system file is never quoted). A named pipe is
 * opened without waiting for a writer and refused, so nothing here can hang.
 *
 * Files are read synchronously in slices, yielding to the event loop between them: for tens of
 * thousands of small files that is several times faster than fs.promises.readFile (a round trip
 * per file), and nothing waits on the reads for more than a few milliseconds.
 */
export async function readCorpusFolder(dir: string, onProgress?: (read: number, total: number) => void): Promise<CorpusFolder> {
  const files = new Map<string, Buffer>();
  const problems = await eachCorpusFile(dir, (name, bytes) => files.set(name, bytes), onProgress);
  return { dir, files, problems };
}

/**
 * Each article and metadata file's bytes, in name order, as readCorpusFolder reads them, handed to
 * `visit` and not kept: for what needs each file once (a fingerprint). Answers what could not be read.
 */
export async function eachCorpusFile(
  dir: string,
  visit: (name: string, bytes: Buffer) => void,
  onProgress?: (read: number, total: number) => void,
): Promise<CorpusProblem[]> {
  let entries: Dirent[];
  let realDir: string;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).filter((e) => isCorpusFileName(e.name));
    realDir = realpathSync(dir);
  } catch (error) {
    const problem = `cannot read the corpus folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    return [{ file: dir, problem }];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const problems: CorpusProblem[] = [];
  let sinceTurn = 0;
  for (const [i, entry] of entries.entries()) {
    const read = readEntry(dir, realDir, entry);
    if (typeof read === "string") problems.push({ file: entry.name, problem: read });
    else visit(entry.name, read);
    sinceTurn += (typeof read === "string" ? 0 : read.length) + BYTES_PER_OPEN;
    if (sinceTurn >= BYTES_PER_TURN) {
      sinceTurn = 0;
      onProgress?.(i + 1, entries.length);
      await nextTurn();
    }
  }
  onProgress?.(entries.length, entries.length);
  return problems;
}

/** The entry's bytes, or what keeps it from being read, said for the moderator. */
function readEntry(dir: string, realDir: string, entry: Dirent): Buffer | string {
  const limit = maxBytesOf(entry.name);
  let target = path.join(dir, entry.name);
  if (entry.isSymbolicLink()) {
    try {
      target = realpathSync(target);
    } catch (error) {
      return cannotRead(error);
    }
    if (!isInside(realDir, target)) {
      return `is a link to ${target}, outside the corpus folder: only files inside it are read`;
    }
  } else if (!entry.isFile()) {
    return notAFile(entry);
  }
  let fd: number;
  try {
    // Non-blocking: opening a named pipe for reading would otherwise wait for a writer forever.
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return cannotRead(error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return notAFile(stats);
    const large = tooLarge(entry.name, stats.size);
    if (large) return large;
    // One byte more than the limit allows, to notice a file that grew since it was measured.
    const bytes = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    while (length < bytes.length) {
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit.bytes) return `is larger than ${formatBytes(limit.bytes)}; ${limit.what} can be at most that`;
    return bytes.subarray(0, length);
  } catch (error) {
    return cannotRead(error);
  } finally {
    closeSync(fd);
  }
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function cannotRead(error: unknown): string {
  return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
}

function notAFile(kind: Dirent | Stats): string {
  if (kind.isDirectory()) return "is a folder, not a file";
  const what = kind.isFIFO()
    ? "a named pipe"
    : kind.isSocket()
      ? "a socket"
      : kind.isCharacterDevice() || kind.isBlockDevice()
        ? "a device"
        : "not a regular file";
  return `is ${what}, not a regular file: only plain files are read`;
}
