import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const GoldSchema = z.object({ article: z.string(), text: z.string().min(1) });
export const QaSetSchema = z.object({
  version: z.literal(1),
  items: z.array(z.object({ id: z.string(), question: z.string(), kind: z.string(), gold: z.array(GoldSchema) })),
});
export const AttributionSetSchema = z.object({
  version: z.literal(1),
  items: z.array(
    z.object({ article: z.string(), text: z.string(), speaker: z.string().nullable(), aliases: z.array(z.string()), kind: z.string() }),
  ),
});
/** WikiQA's protocol: each question's candidate sentences (one paragraph's), labelled right (1) or not, with their spans. */
export const CandidatesSchema = z.record(
  z.string(),
  z.object({
    sentences: z.array(z.object({ label: z.union([z.literal(0), z.literal(1)]), article: z.string(), start: z.number(), end: z.number() })),
  }),
);
export type QaSet = z.infer<typeof QaSetSchema>;
export type AttributionSet = z.infer<typeof AttributionSetSchema>;
export type Candidates = z.infer<typeof CandidatesSchema>;

/** One public evaluation set: what it asks and labels, and the corpus it is about. */
export interface EvalSet {
  /** Its folder, from the evaluation folder's parent: "eval", "eval/unseen", "eval/external/squad". */
  name: string;
  qaFile: string | null;
  attributionFile: string | null;
  /** Candidate sentences labelled for each question (WikiQA), scored by the set's own protocol. */
  candidatesFile: string | null;
  /**
   * Questions a fit may learn from, or null when none may be: a set of the project's own (the seeds,
   * `unseen/`) is fitted on its questions; an external set only through a `train.json` of its own,
   * since its licence may allow evaluation alone (WikiQA's does).
   */
  fitFile: string | null;
  corpusDir: string;
}

const QA_FILES = ["dev_qa.json", "qa.json"];
const ATTRIBUTION_FILES = ["dev_attribution.json", "attribution.json"];
const first = (folder: string, names: string[]) => names.map((f) => path.join(folder, f)).find(existsSync) ?? null;

/**
 * The sets in `dir` and every folder under it (but `corpus/` folders): a folder with a QA file
 * (dev_qa.json or qa.json) or an attribution file is a set, about the articles in its own `corpus/`
 * folder when it has one, else in `defaultCorpus`. Folders under one named `external` hold external
 * benchmarks (see fitFile).
 */
export function findSets(dir: string, defaultCorpus: string): EvalSet[] {
  const sets: EvalSet[] = [];
  const visit = (folder: string, external: boolean) => {
    const qaFile = first(folder, QA_FILES);
    const attributionFile = first(folder, ATTRIBUTION_FILES);
    if (qaFile || attributionFile) {
      const own = path.join(folder, "corpus");
      const train = path.join(folder, "train.json");
      sets.push({
        name: path.relative(path.dirname(dir), folder),
        qaFile,
        attributionFile,
        candidatesFile: first(folder, ["candidates.json"]),
        fitFile: external ? (existsSync(train) ? train : null) : qaFile,
        corpusDir: existsSync(own) ? own : defaultCorpus,
      });
    }
    const folders = readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== "corpus")
      .map((e) => e.name)
      .sort();
    for (const name of folders) visit(path.join(folder, name), external || name === "external");
  };
  visit(dir, false);
  return sets;
}

export async function readSet<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(JSON.parse(await readFile(file, "utf8")));
}
