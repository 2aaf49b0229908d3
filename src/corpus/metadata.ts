import { z } from "zod";

/** What a `<id>.json` beside an article's `<id>.txt` may say about it. */
export const ArticleMetadataSchema = z
  .object({
    title: z.string().trim().min(1, "title must not be empty").max(300),
    /** True when the title is descriptive, not the published headline. */
    titleIsWorking: z.boolean().optional(),
    publisher: z.string().trim().min(1, "publisher must not be empty").max(200),
    url: z.url({ protocol: /^https?$/, error: "url must be an http(s) address" }),
    published: z.iso.date({ error: "published must be a date like 2016-12-15" }),
    /** The wire service the report came from (Reuters, AP, AFP …), if any. */
    wireService: z.string().trim().min(1).max(200).optional(),
    /** The outlet whose reporting the publisher carries, if any. */
    originalOutlet: z.string().trim().min(1).max(200).optional(),
    notes: z.string().max(2000).optional(),
  })
  .strict();

export type ArticleMetadata = z.infer<typeof ArticleMetadataSchema>;

/** One line per problem, naming the field: "published: published must be a date like 2016-12-15". */
export function describeMetadataIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
