/**
 * Something a moderator should know that did not stop the corpus from loading. `kind` groups warnings
 * of one sort, so that 3,000 articles without metadata make one line, not 3,000.
 */
export interface CorpusWarning {
  kind: "no-metadata" | "orphan-metadata" | "index";
  /** The corpus file it is about, if any. */
  file?: string;
  text: string;
}

/** Named files shown in a summary line before "and N more". */
const NAMED = 3;

/** The warnings as lines: one per warning while there are few of a kind, else one line for the kind. */
export function summariseWarnings(warnings: readonly CorpusWarning[]): string[] {
  const byKind = new Map<CorpusWarning["kind"], CorpusWarning[]>();
  for (const w of warnings) {
    const list = byKind.get(w.kind);
    if (list) list.push(w);
    else byKind.set(w.kind, [w]);
  }
  return [...byKind].flatMap(([kind, list]) =>
    list.length <= NAMED || kind === "index" ? list.map((w) => w.text) : [summaryOf(kind, list)],
  );
}

function summaryOf(kind: CorpusWarning["kind"], list: readonly CorpusWarning[]): string {
  const named = list
    .slice(0, NAMED)
    .map((w) => w.file)
    .join(", ");
  const rest = `${named} and ${(list.length - NAMED).toLocaleString("en-US")} more`;
  const count = list.length.toLocaleString("en-US");
  return kind === "no-metadata"
    ? `${count} articles have no metadata file, so their titles come from their first sentences: ${rest}`
    : `${count} metadata files have no article beside them and are ignored: ${rest}`;
}

/** The warnings about the given corpus files only: what one edit changed. */
export function warningsAbout(warnings: readonly CorpusWarning[], files: readonly string[]): CorpusWarning[] {
  const wanted = new Set(files.map((f) => f.toLowerCase()));
  return warnings.filter((w) => w.file !== undefined && wanted.has(w.file.toLowerCase()));
}
