import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Vitest's global setup: every temporary folder the tests make (and the processes they start make)
 * goes in one folder of this run's, removed when the run ends, so that runs do not fill the
 * machine's temporary folder. Workers and child processes inherit TMPDIR.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), "citebot-test-run-"));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
