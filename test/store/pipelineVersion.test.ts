import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PIPELINE_FOLDERS } from "../../src/store/pipelineVersion.js";

describe("the pipeline version", () => {
  it("GIVEN the source tree THEN every folder whose code builds the library is hashed, so a change to it makes snapshots stale", () => {
    // What the library builder imports is what decides what an index holds.
    const build = readFileSync(path.resolve("src/library/build.ts"), "utf8");
    const imported = [...build.matchAll(/from "\.\.\/([a-z]+)\//g)].map((m) => m[1]!);
    for (const folder of new Set([...imported, "library"])) expect(PIPELINE_FOLDERS, folder).toContain(folder);
    for (const folder of PIPELINE_FOLDERS) expect(readdirSync(path.resolve("src", folder)).length, folder).toBeGreaterThan(0);
  });
});
