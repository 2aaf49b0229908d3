import { z } from "zod";

/** What a `<id>.json` beside an article's `<id>.txt` may say about it. */
/** Text that must be there: "publisher is required" rather than zod's "expected string, received undefined". */
const requiredText = (field: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text`) })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} is longer than ${max} characters`);

export const ArticleMetadataSchema = z
  .object({
    title: requiredText("title", 300),
    /** True when the title is descriptive, not the published headline. */
    titleIsWorking: z.boolean().optional(),
    publisher: requiredText("publisher", 200),
    url: z.url({ protocol: /^https?$/, error: (issue) => (issue.input === undefined ? "url is required" : "url must be an http(s) address") }),
    published: z.iso.date({ error: (issue) => (issue.input === undefined ? "published is required" : "published must be a date like 2016-12-15") }),
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
    .map((issue) => {
      if (issue.code === "unrecognized_keys") return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")} (a typo?)`;
      return issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
