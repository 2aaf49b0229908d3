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

/**
 * Components (https://discord.com/developers/docs/components/reference). A message laid out with
 * components v2 (`IS_COMPONENTS_V2`) has no content or embeds: at most 40 components in all, nested
 * ones counted, and 4,000 characters of text across them.
 */
export const MAX_COMPONENTS = 40;
export const MAX_COMPONENT_TEXT = 4_000;
/** A container holds at most 10 components. */
export const MAX_CONTAINER_CHILDREN = 10;
/** A message without components v2 has at most 5 rows of buttons; a row at most 5 buttons. */
export const MAX_ACTION_ROWS = 5;
export const MAX_ROW_BUTTONS = 5;
/** A button's id and label, and a link button's address. */
export const MAX_CUSTOM_ID = 100;
export const MAX_BUTTON_LABEL = 80;
export const MAX_BUTTON_URL = 512;

/** Autocomplete: at most 25 choices, each name and value of 1 to 100 characters. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;
/** Discord gives an interaction this long to be acknowledged. */
export const ACKNOWLEDGE_WITHIN_MS = 3_000;
