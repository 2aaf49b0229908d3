/** Discord's limits on what a message may carry (https://discord.com/developers/docs/resources/message). */
export const MAX_CONTENT_LENGTH = 2_000;
export const MAX_EMBEDS = 10;
export const MAX_EMBED_TITLE = 256;
export const MAX_EMBED_DESCRIPTION = 4_096;
export const MAX_EMBED_FIELDS = 25;
export const MAX_FIELD_NAME = 256;
export const MAX_FIELD_VALUE = 1_024;
export const MAX_FOOTER_TEXT = 2_048;
/** Across every embed of one message: titles, descriptions, field names and values, footers. */
export const MAX_EMBEDS_TOTAL = 6_000;
/** Autocomplete: at most 25 choices, each name and value of 1 to 100 characters. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;
/** Discord gives an interaction this long to be acknowledged. */
export const ACKNOWLEDGE_WITHIN_MS = 3_000;
