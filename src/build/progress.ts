/** How far a build has got: reported while it runs, so that long work says how far it is. */
export type BuildProgress =
  /** Other reindexes hold every reindex thread; this one starts when `ahead` of them have ended. */
  | { stage: "waiting"; ahead: number }
  | { stage: "reading"; files: number; totalFiles: number }
  | { stage: "building"; articles: number; totalArticles: number; passages: number }
  | { stage: "saving" };

/** "Reading files: 1,200 of 40,000": one line, the same for every transport. */
export function describeProgress(p: BuildProgress): string {
  const n = (x: number) => x.toLocaleString("en-US");
  switch (p.stage) {
    case "waiting":
      return `Waiting for ${p.ahead === 1 ? "another reindex" : `${n(p.ahead)} other reindexes`} to finish (they share the bot's cores)`;
    case "reading":
      return `Reading the corpus: ${n(p.files)} of ${n(p.totalFiles)} files`;
    case "building":
      return `Building the index: ${n(p.articles)} of ${n(p.totalArticles)} articles, ${n(p.passages)} passages`;
    case "saving":
      return "Saving the index";
  }
}
