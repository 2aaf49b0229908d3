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

export async function readSet<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T> {
  const raw = JSON.parse(await readFile(path.join(dir, file), "utf8"));
  return schema.parse(raw);
}
