import { spawn } from "node:child_process";
import { once } from "node:events";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDataDir } from "./support/cli.js";
import { tempCorpus } from "./support/corpus.js";
import { NODE_TS, runWithSlowReader } from "./support/spawnSlow.js";

const SENTENCES_PER_ARTICLE = 30;
/** What a pipe holds before its writer has to wait (Linux). */
const PIPE_BYTES = 64 * 1024;
const ARTICLES = 100;
let env: NodeJS.ProcessEnv;

/** Far more output than a pipe holds (64 KB): what a pipe has not taken yet is what used to be lost. */
beforeAll(async () => {
  const files: Record<string, string> = {};
  for (let a = 0; a < ARTICLES; a++) {
    const lines = Array.from(
      { length: SENTENCES_PER_ARTICLE },
      (_, s) => `Inspector Lena Voss said culvert ${a}-${s} on the north bank flooded after ${s + 2} days of rain.`,
    );
    files[`report-${a}.txt`] = lines.join("\n");
  }
  env = { CORPUS_DIR: await tempCorpus(files), DATA_DIR: await tempDataDir(), LOG_LEVEL: "warn" };
});

describe("output through a pipe", () => {
  it("GIVEN sentences --json to a slow reader THEN every line arrives, each valid JSON", async () => {
    const run = await runWithSlowReader(["src/cli/main.ts", "sentences", "--json"], { env });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(ARTICLES * SENTENCES_PER_ARTICLE);
    expect(() => lines.map((l) => JSON.parse(l))).not.toThrow();
  });

  it("GIVEN ask --json with many questions on standard input THEN one answer a question, none lost", async () => {
    // Sixty answers of ten passages: several times what a pipe holds.
    const questions = Array.from({ length: 60 }, (_, i) => `Which culvert flooded after ${i % 30} days of rain?`);
    const run = await runWithSlowReader(["src/cli/main.ts", "ask", "--json", "--limit", "10"], { env, input: `${questions.join("\n")}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(2 * PIPE_BYTES);
    expect(
      run.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l).question),
    ).toEqual(questions);
  });

  it("GIVEN the console's commands piped in and its replies piped out THEN every reply arrives", async () => {
    // A hundred answers drawn as text: several times what a pipe holds.
    const commands = Array.from({ length: 100 }, (_, i) => `/ask What flooded after ${i % 30} days?`);
    const run = await runWithSlowReader(["src/main.ts"], { env: { ...env, DISCORD_TOKEN: "" }, input: `${commands.join("\n")}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(2 * PIPE_BYTES);
    expect(run.stdout.match(/^(?:Answer from the articles|The articles do not answer this)/gm)).toHaveLength(commands.length);
  });

  it("GIVEN output that cannot be written (a full disk) THEN it fails loudly: exit 1 and a message, no stack", async () => {
    // /dev/full takes nothing: every write fails with ENOSPC.
    const full = spawn("sh", ["-c", `exec "${NODE_TS[0]}" --import tsx src/cli/main.ts sentences --json > /dev/full`], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    full.stderr.on("data", (c) => (stderr += String(c)));
    const [code] = await once(full, "close");
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot write the output \(ENOSPC/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("GIVEN the console's reader goes away while input keeps coming THEN it stops at once instead of hanging", async () => {
    const child = spawn(NODE_TS[0], [...NODE_TS.slice(1), "src/main.ts"], {
      env: { ...process.env, ...env, DISCORD_TOKEN: "" },
      stdio: ["pipe", "pipe", "ignore"],
    });
    const feed = setInterval(() => child.stdin.write("/ask What flooded?\n"), 5);
    child.stdin.on("error", () => {});
    await once(child.stdout, "data");
    child.stdout.destroy();
    const exited = once(child, "exit");
    const timeout = new Promise((resolve) => setTimeout(() => resolve(["still running"]), 10_000));
    const [code] = (await Promise.race([exited, timeout])) as [number | string];
    clearInterval(feed);
    child.kill("SIGKILL");
    expect(code).toBe(0);
  });

  it("GIVEN a large single answer THEN it arrives whole as valid JSON", async () => {
    const long = (i: number) => `Witness ${i} said ${"the water rose past the marker on the wall and ".repeat(600)}kept rising.`;
    const corpusDir = await tempCorpus({ "long.txt": Array.from({ length: 30 }, (_, i) => long(i)).join("\n") });
    const run = await runWithSlowReader(
      ["src/cli/main.ts", "ask", "What did the witness say about the water?", "--json", "--limit", "25"],
      { env: { ...env, CORPUS_DIR: corpusDir, DATA_DIR: await tempDataDir() } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(512 * 1024);
    expect(JSON.parse(run.stdout).passages).toHaveLength(25);
  });
});
