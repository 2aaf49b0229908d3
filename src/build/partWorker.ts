import { parentPort, workerData } from "node:worker_threads";
import type { Article } from "../corpus/article.js";
import { libraryPartOf } from "../library/build.js";
import { transferablesOf } from "./parallelBuild.js";

/** Worker thread: builds the library part of the articles it is given and posts it back, its typed arrays moved, not copied. */
const articles = (workerData as { data: Article[] }).data;
try {
  const part = libraryPartOf(articles, (done, passages) => parentPort!.postMessage({ progress: { articles: done, passages } }));
  parentPort!.postMessage({ ok: true, part }, transferablesOf(part));
} catch (error) {
  parentPort!.postMessage({ ok: false, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
