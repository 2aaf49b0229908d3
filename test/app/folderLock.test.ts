import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FolderBusyError, LOCK_FILE, withFolderLock } from "../../src/app/folderLock.js";
import { tempDataDir } from "../support/cli.js";

const holdIn = async (dataDir: string) => {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/holdLock.ts", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  await once(child.stdout, "data");
  return child;
};

describe("one writer a folder", () => {
  it("GIVEN two edits in this process THEN the second waits its turn, and the lock file is gone after", async () => {
    const dataDir = await tempDataDir();
    const order: string[] = [];
    let release!: () => void;
    const first = withFolderLock(dataDir, async () => {
      order.push("first in");
      await new Promise<void>((r) => (release = r));
      order.push("first out");
    });
    const second = withFolderLock(dataDir, async () => void order.push("second"));
    await new Promise((r) => setTimeout(r, 50));
    expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid });
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first in", "first out", "second"]);
    await expect(stat(path.join(dataDir, LOCK_FILE))).rejects.toThrow();
  });

  it("GIVEN another process holding the folder THEN an edit here is refused saying who; once that process is killed, its lock is taken over", async () => {
    const dataDir = await tempDataDir();
    const child = await holdIn(dataDir);
    try {
      const refused = await withFolderLock(dataDir, async () => "ran").catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(FolderBusyError);
      expect(String((refused as Error).message)).toMatch(
        new RegExp(`Another Citebot process \\(process ${child.pid} on this machine, since .*\\) is changing these articles now`),
      );
    } finally {
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    }
    // The crashed process's file is still there, naming a process that no longer runs.
    expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), "utf8"))).toMatchObject({ pid: child.pid });
    expect(await withFolderLock(dataDir, async () => "ran")).toBe("ran");
  });

  it("GIVEN a lock from another host THEN it holds while refreshed, and is taken over once its lease has lapsed", async () => {
    const dataDir = await tempDataDir();
    const file = path.join(dataDir, LOCK_FILE);
    await writeFile(file, JSON.stringify({ pid: 4242, host: "other-host", since: "2026-12-01T00:00:00.000Z" }));
    await expect(withFolderLock(dataDir, async () => "ran")).rejects.toThrow(/process 4242 on other-host/);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await utimes(file, longAgo, longAgo);
    expect(await withFolderLock(dataDir, async () => "ran")).toBe("ran");
  });
});
