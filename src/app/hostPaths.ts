import path from "node:path";
import type { Folders } from "../build/open.js";
import type { CorpusProblem } from "../corpus/errors.js";
import type { Prose } from "../prose.js";

/**
 * Text for a reply, without the bot's folders on its host: what is inside the corpus or data folder
 * is named from there (`trash/…`, `dam.txt`), the folders themselves by what they are. The log keeps
 * the full paths for the bot's owner.
 */
export function withoutHostPaths(text: string, folders: Folders): string {
  let out = text;
  for (const [dir, name] of [
    [path.resolve(folders.corpusDir), "the corpus folder"],
    [path.resolve(folders.dataDir), "the data folder"],
  ] as const) {
    out = out.split(`${dir}${path.sep}`).join("").split(dir).join(name);
  }
  return out;
}

/** Problems as a reply shows them: files named within their folder, without the host's paths. */
export function problemsForReply(problems: readonly CorpusProblem[], folders: Folders): CorpusProblem[] {
  return problems.map(({ file, problem }) => ({ file: withoutHostPaths(file, folders), problem: withoutHostPaths(problem, folders) }));
}

/** Prose as a reply shows it, without the host's paths in its words or literals. */
export function proseForReply(text: Prose, folders: Folders): Prose {
  return text.map((s) =>
    typeof s === "string" ? withoutHostPaths(s, folders) : "literal" in s ? { literal: withoutHostPaths(s.literal, folders) } : s,
  );
}
