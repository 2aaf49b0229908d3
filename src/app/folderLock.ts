import { open, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ProseError } from "../prose.js";

/** The lock file in a corpus's data folder, held while its articles or index are being changed. */
export const LOCK_FILE = "corpus.lock";

/** A held lock's file is touched this often… */
const LEASE_REFRESH_MS = 20_000;
/** …so one untouched for this long was left by a process that stopped (on any host sharing the folder). */
const LEASE_EXPIRES_MS = 90_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** Another process is changing these articles: the edit is refused, with who holds them. */
export class FolderBusyError extends ProseError {
  override name = "FolderBusyError";
}

/** In this process: the folders being changed now, each with the turn of whoever waits for it next. */
const turns = new Map<string, Promise<void>>();

/**
 * One writer a folder at a time. In this process, whoever asks waits their turn; across processes
 * (the command line beside the bot, shards on hosts sharing the folder), a lock file says who holds
 * it, and another process is refused while it is held. A process that crashed does not hold it for
 * ever: its file names its pid and host, and is refreshed while held, so a lock whose process is
 * gone (same host) or whose file has not been refreshed for LEASE_EXPIRES_MS (any host) is taken over.
 */
export async function withFolderLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const key = path.resolve(dataDir);
  const before = turns.get(key) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((resolve) => {
    done = resolve;
  });
  const chain = before.then(() => mine);
  turns.set(key, chain);
  await before;
  try {
    const release = await lockFile(key);
    try {
      return await work();
    } finally {
      await release();
    }
  } finally {
    done();
    if (turns.get(key) === chain) turns.delete(key);
  }
}

async function lockFile(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.close();
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No data folder, or one that cannot be written: no lock can be held there, and no other process can write there either.
      if (code !== "EEXIST") return async () => {};
      const holder = await heldBy(file);
      if (holder && attempt === 0 && (await abandoned(file, holder))) {
        // Moved aside before removal, so that two processes taking over do not remove each other's new lock.
        const aside = `${file}.${process.pid}.${Date.now()}.stale`;
        await rename(file, aside).catch(() => {});
        await rm(aside, { force: true });
        continue;
      }
      const who = holder
        ? `process ${holder.pid} on ${holder.host === me.host ? "this machine" : holder.host}, since ${holder.since}`
        : "another process";
      throw new FolderBusyError([`Another Citebot process (${who}) is changing these articles now; try again when it has finished.`]);
    }
  }
  const timer = setInterval(() => void utimes(file, new Date(), new Date()).catch(() => {}), LEASE_REFRESH_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await rm(file, { force: true });
  };
}

async function heldBy(file: string): Promise<Holder | null> {
  try {
    const holder = JSON.parse(await readFile(file, "utf8")) as Holder;
    return typeof holder.pid === "number" && typeof holder.host === "string" ? holder : null;
  } catch {
    // Half written by a process that died at once, or not ours: judged by its age alone.
    return { pid: -1, host: "", since: "an unknown time" };
  }
}

async function abandoned(file: string, holder: Holder): Promise<boolean> {
  // This process waits its turn before taking the file: one naming its pid is an earlier run's (a restart that got the same pid).
  if (holder.host === os.hostname() && (holder.pid === process.pid || (holder.pid > 0 && !alive(holder.pid)))) return true;
  try {
    return Date.now() - (await stat(file)).mtimeMs > LEASE_EXPIRES_MS;
  } catch {
    return true;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
