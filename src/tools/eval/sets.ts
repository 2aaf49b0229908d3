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
export type QaSet = z.infer<typeof QaSetSchema>;
export type AttributionSet = z.infer<typeof AttributionSetSchema>;

/** One public evaluation set: its questions, its attributions, and the corpus they are about. */
export interface EvalSet {
  name: string;
  qaFile: string;
  attributionFile: string | null;
  corpusDir: string;
}

const QA_FILES = ["dev_qa.json", "qa.json"];
const ATTRIBUTION_FILES = ["dev_attribution.json", "attribution.json"];

/**
 * The sets in `dir` and its sub-folders: a folder with a QA file (dev_qa.json or qa.json) is a set,
 * about the articles in its own `corpus/` folder when it has one, else in `defaultCorpus`.
 */
export function findSets(dir: string, defaultCorpus: string): EvalSet[] {
  const folders = [
    dir,
    ...readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== "corpus")
      .map((e) => path.join(dir, e.name)),
  ];
  return folders.flatMap((folder) => {
    const qa = QA_FILES.map((f) => path.join(folder, f)).find(existsSync);
    if (!qa) return [];
    const attribution = ATTRIBUTION_FILES.map((f) => path.join(folder, f)).find(existsSync) ?? null;
    const own = path.join(folder, "corpus");
    const name = folder === dir ? path.basename(dir) : `${path.basename(dir)}/${path.basename(folder)}`;
    return [{ name, qaFile: qa, attributionFile: attribution, corpusDir: existsSync(own) ? own : defaultCorpus }];
  });
}

export async function readSet<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(JSON.parse(await readFile(file, "utf8")));
}
