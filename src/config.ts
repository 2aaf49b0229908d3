import "dotenv/config";
import path from "node:path";
import { z } from "zod";
import type { Folders } from "./store/open.js";

const FoldersSchema = z.object({
  CORPUS_DIR: z.string().trim().min(1).default("./corpus"),
  DATA_DIR: z.string().trim().min(1).default("./data"),
});

/** Where the corpus is read from and the index saved (CORPUS_DIR, DATA_DIR; .env is read too). */
export function foldersFromEnv(env: NodeJS.ProcessEnv = process.env): Folders {
  const parsed = FoldersSchema.parse({ CORPUS_DIR: env.CORPUS_DIR || undefined, DATA_DIR: env.DATA_DIR || undefined });
  return { corpusDir: path.resolve(parsed.CORPUS_DIR), dataDir: path.resolve(parsed.DATA_DIR) };
}
