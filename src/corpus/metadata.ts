import { z } from "zod";

/** Control characters and bidirectional overrides: a title with U+202E would show other text than it holds. */
const INVISIBLE_CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Trimmed text of at most `max` characters, not empty, without invisible controls. */
const text = (field: string, max: number, base = z.string()) =>
  base
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} is longer than ${max} characters`)
    .refine((v) => !INVISIBLE_CONTROL.test(v), `${field} must not contain control characters or direction overrides`);

/** Text that must be there: "publisher is required" rather than zod's "expected string, received undefined". */
const requiredText = (field: string, max: number) =>
  text(field, max, z.string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text`) }));

const optionalText = (field: string, max: number) => text(field, max).optional();

/**
 * A link to the article: http or https, stored as `new URL(u).href` (so it is exactly what a browser
 * and Discord take). No white space, brackets or angle brackets, which would end a link in a reply
 * early and let the rest of the text pose as a link of its own.
 */
const articleUrl = z
  .string({ error: (issue) => (issue.input === undefined ? "url is required" : "url must be an http(s) address") })
  .trim()
  .max(2000, "url is longer than 2000 characters")
  .refine((u) => !/[\s<>[\]]/.test(u), "url must not contain spaces, brackets or angle brackets")
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "url must be an http(s) address")
  .transform((u) => new URL(u).href);

/** What a `<id>.json` beside an article's `<id>.txt` may say about it. */
export const ArticleMetadataSchema = z
  .object({
    title: requiredText("title", 300),
    /** True when the title is descriptive, not the published headline. */
    titleIsWorking: z.boolean().optional(),
    publisher: requiredText("publisher", 200),
    url: articleUrl,
    published: z.iso.date({
      error: (issue) => (issue.input === undefined ? "published is required" : "published must be a date like 2016-12-15"),
    }),
    /** The wire service the report came from (Reuters, AP, AFP …), if any. */
    wireService: optionalText("wireService", 200),
    /** The outlet whose reporting the publisher carries, if any. */
    originalOutlet: optionalText("originalOutlet", 200),
    notes: z.string().max(2000).optional(),
    /** Where and when the text was fetched, for an article added by link. */
    fetched: z
      .object({ from: articleUrl, at: z.iso.datetime({ offset: true }) })
      .strict()
      .optional(),
  })
  .strict();

export type ArticleMetadata = z.infer<typeof ArticleMetadataSchema>;

/** One line per problem, naming the field: "published: published must be a date like 2016-12-15". */
export function describeMetadataIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === "unrecognized_keys")
        return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")} (a typo?)`;
      return issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
