import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "./support/cli.js";

describe("an entry point ended by an error meant for the user", () => {
  it("GIVEN a corpus that cannot be indexed THEN npm start and the CLI say why, exit 1, no stack", async () => {
    const broken = await mkdtemp(path.join(tmpdir(), "citebot-broken-"));
    await writeFile(path.join(broken, "memo.txt"), Buffer.from([0, 1, 2, 3]));
    const dataDir = await tempDataDir();
    const start = spawnSync(path.resolve("node_modules/.bin/tsx"), [path.resolve("src/main.ts")], {
      env: { ...process.env, CORPUS_DIR: broken, DATA_DIR: dataDir, DISCORD_TOKEN: "" },
      input: "",
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(start.status).toBe(1);
    expect(start.stderr).toMatch(/^Citebot cannot start: [\s\S]*memo\.txt: looks binary/m);
    expect(start.stderr).not.toMatch(/\n\s+at /);
    const cli = runCli(["ask", "Who brokered the deal?"], { corpusDir: broken, dataDir });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/memo\.txt: looks binary/);
    expect(cli.stderr).not.toMatch(/\n\s+at |unexpected error/);
  });
});
