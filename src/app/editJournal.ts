import { createHash, randomBytes } from "node:crypto";
import { open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/** The journal of a corpus's changes, in its data folder: each edit's intent, written before any file changes, then its outcome. */
export const JOURNAL_FILE = "audit.jsonl";
/** Past this size the journal starts afresh, the previous one kept beside it (`audit.jsonl.1`). */
const JOURNAL_MAX_BYTES = 1024 * 1024;

/** Who changed a corpus: the audit line's moderator and server ("console" and "dm" at this machine). */
export interface Actor {
  moderator: string;
  guild: string;
}

/** A file an edit writes (with the SHA-256 of what it writes) or removes (null). */
export interface IntendedFile {
  name: string;
  sha256: string | null;
}

export interface Intent extends Actor {
  action: string;
  target: string;
  files: IntendedFile[];
}

/** An audit record: who did what to which article, and how it ended. */
export interface AuditRecord extends Actor {
  action: string;
  target: string;
  result: string;
  trash?: string;
}

export const sha256 = (content: string | Uint8Array): string => createHash("sha256").update(content).digest("hex");

/**
 * Write-ahead for moderators' edits: an edit's intent is on disk (fsynced) before the corpus folder
 * changes, and its outcome after. A process killed in between leaves an intent without an outcome;
 * `recover` settles it from what the files hold, so that every article that is live has its audit
 * record, whenever the process stopped.
 */
export class EditJournal {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly corpusDir: string,
  ) {
    this.file = path.join(dataDir, JOURNAL_FILE);
  }

  /** Records what an edit is about to do; returns its id for `done`. */
  async intend(intent: Intent): Promise<string> {
    const id = `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
    await this.append({ intent: id, at: now(), ...intent });
    return id;
  }

  /** Records how an edit ended. */
  async done(id: string, record: AuditRecord): Promise<void> {
    await this.append({ done: id, at: now(), ...record });
  }

  /**
   * Settles edits begun and never reported (the process stopped between): each is recorded as done
   * or not, by whether the corpus files hold what it meant to write. Returns the records written.
   * Also removes the temporaries of writes that never finished.
   */
  async recover(): Promise<AuditRecord[]> {
    const pending = await this.pendingIntents();
    const records: AuditRecord[] = [];
    for (const [id, intent] of pending) {
      const hashes = await Promise.all(intent.files.map((f) => this.currentHash(f.name)));
      const applied = intent.files.filter((f, i) => hashes[i] === f.sha256).length;
      const result =
        applied === intent.files.length
          ? "done (recovered at start: Citebot stopped before it could report it)"
          : applied === 0
            ? "not done (recovered at start: Citebot stopped first; the article is as it was)"
            : `partly done (recovered at start: Citebot stopped midway; ${intent.files
                .filter((f, i) => hashes[i] === f.sha256)
                .map((f) => f.name)
                .join(", ")} changed, the rest as it was)`;
      const record: AuditRecord = {
        moderator: intent.moderator,
        guild: intent.guild,
        action: intent.action,
        target: intent.target,
        result,
      };
      await this.done(id, record);
      records.push(record);
    }
    for (const name of await readdir(this.corpusDir).catch(() => [] as string[]))
      if (name.endsWith(".upload")) await rm(path.join(this.corpusDir, name), { force: true });
    return records;
  }

  private async pendingIntents(): Promise<Map<string, Intent>> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch {
      return new Map();
    }
    const pending = new Map<string, Intent>();
    for (const line of text.split("\n")) {
      let entry: { intent?: string; done?: string } & Intent;
      try {
        entry = JSON.parse(line);
      } catch {
        continue; // A line torn by a crash mid-write, or an empty one.
      }
      if (typeof entry.intent === "string" && Array.isArray(entry.files)) pending.set(entry.intent, entry);
      else if (typeof entry.done === "string") pending.delete(entry.done);
    }
    return pending;
  }

  private async currentHash(name: string): Promise<string | null> {
    try {
      return sha256(await readFile(path.join(this.corpusDir, name)));
    } catch {
      return null;
    }
  }

  private async append(entry: object): Promise<void> {
    const size = await stat(this.file).then(
      (s) => s.size,
      () => 0,
    );
    // A journal is started afresh only between edits: an intent always sits in the file its outcome follows.
    if (size > JOURNAL_MAX_BYTES && "intent" in entry) await rename(this.file, `${this.file}.1`);
    const handle = await open(this.file, "a+");
    try {
      // A line torn by a crash ends without its line break: the next entry starts on a line of its own.
      const last = Buffer.alloc(1);
      const torn = size > 0 && (await handle.read(last, 0, 1, size - 1)).bytesRead === 1 && last[0] !== 0x0a;
      await handle.write(`${torn ? "\n" : ""}${JSON.stringify(entry)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

const now = () => new Date().toISOString();
