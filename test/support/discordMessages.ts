/**
 * Reading and checking messages as Discord's API takes them, for the loopback Discord and the tests.
 * The rules are written here from Discord's documentation, apart from the renderer's own fitting,
 * so that one cannot pass by agreeing with the other.
 */

const IS_COMPONENTS_V2 = 1 << 15;
const TEXT_DISPLAY = 10;
const CONTAINER = 17;
const ACTION_ROW = 1;
const BUTTON = 2;
const LINK_STYLE = 5;
/** Top-level components of a v2 message, and what a container may hold (the same less containers). */
const V2_TOP_LEVEL = new Set([ACTION_ROW, 9, TEXT_DISPLAY, 12, 13, 14, CONTAINER]);
const IN_CONTAINER = new Set([ACTION_ROW, 9, TEXT_DISPLAY, 12, 13, 14]);

export const isV2 = (message: any): boolean => ((message?.flags ?? 0) & IS_COMPONENTS_V2) !== 0;

/** Every component of a message, nested ones too, in reading order. */
export function componentsOf(message: any): any[] {
  const all: any[] = [];
  const visit = (c: any) => {
    all.push(c);
    for (const child of c.components ?? []) visit(child);
    if (c.accessory) visit(c.accessory);
  };
  for (const c of message?.components ?? []) visit(c);
  return all;
}

export const buttonsOf = (message: any): any[] => componentsOf(message).filter((c) => c.type === BUTTON);
export const containersOf = (message: any): any[] => (message?.components ?? []).filter((c: any) => c.type === CONTAINER);
const textDisplays = (message: any): string[] =>
  componentsOf(message)
    .filter((c) => c.type === TEXT_DISPLAY)
    .map((c) => c.content);

/** All the text a user reads in a message: content, embeds, text displays. */
export function messageText(message: any): string {
  return [
    message?.content ?? "",
    ...(message?.embeds ?? []).map(
      (e: any) =>
        `${e.title ?? ""}\n${e.description ?? ""}\n${(e.fields ?? []).map((f: any) => `${f.name} ${f.value}`).join("\n")}\n${e.footer?.text ?? ""}`,
    ),
    ...textDisplays(message),
  ]
    .filter(Boolean)
    .join("\n");
}

/**
 * What Discord would refuse in a message it is sent (an empty list when it takes it). `edit`: the
 * message is an edit of one whose content was `previousContent`.
 */
export function discordProblems(message: any, { edit = false, previousContent = "" } = {}): string[] {
  const problems: string[] = [];
  const buttons = buttonsOf(message);
  for (const b of buttons) {
    if (typeof b.label === "string" && b.label.length > 80) problems.push(`button label over 80: ${b.label}`);
    if (b.style === LINK_STYLE) {
      if (typeof b.url !== "string" || b.url.length > 512 || !URL.canParse(b.url)) problems.push(`bad link button url: ${b.url}`);
    } else if (typeof b.custom_id !== "string" || b.custom_id.length < 1 || b.custom_id.length > 100) {
      problems.push(`bad custom_id: ${b.custom_id}`);
    }
  }
  for (const row of componentsOf(message).filter((c) => c.type === ACTION_ROW)) {
    if (row.components.length < 1 || row.components.length > 5) problems.push(`action row of ${row.components.length} components`);
  }
  if (isV2(message)) {
    if (typeof message.content === "string" && message.content !== "") problems.push("content with IS_COMPONENTS_V2");
    // Made v2 by an edit, a message with content must have it emptied (discord.js sends null as "").
    if (edit && previousContent !== "" && !("content" in message)) problems.push("v2 upgrade that leaves the content");
    if ((message.embeds ?? []).length > 0) problems.push("embeds with IS_COMPONENTS_V2");
    const top = message.components ?? [];
    if (top.length === 0) problems.push("a v2 message with no components");
    for (const c of top) if (!V2_TOP_LEVEL.has(c.type)) problems.push(`component type ${c.type} at the top level`);
    for (const container of containersOf(message)) {
      if (container.components.length < 1 || container.components.length > 10)
        problems.push(`container of ${container.components.length} components`);
      for (const c of container.components) if (!IN_CONTAINER.has(c.type)) problems.push(`component type ${c.type} in a container`);
    }
    const count = componentsOf(message).length;
    if (count > 40) problems.push(`${count} components (at most 40)`);
    const texts = textDisplays(message);
    for (const t of texts) if (typeof t !== "string" || t.length < 1) problems.push("an empty text display");
    const length = texts.reduce((n, t) => n + t.length, 0);
    if (length > 4000) problems.push(`${length} characters of text (at most 4000)`);
    return problems;
  }
  if ((message.content ?? "").length > 2000) problems.push("content over 2000");
  const embeds = message.embeds ?? [];
  if (embeds.length > 10) problems.push("more than 10 embeds");
  let total = 0;
  for (const e of embeds) {
    if ((e.title ?? "").length > 256) problems.push("embed title over 256");
    if ((e.description ?? "").length > 4096) problems.push("embed description over 4096");
    if ((e.fields ?? []).length > 25) problems.push("more than 25 fields");
    for (const f of e.fields ?? []) {
      if (f.name.length > 256 || f.value.length > 1024 || f.value.length === 0) problems.push(`bad field ${f.name}`);
      total += f.name.length + f.value.length;
    }
    if ((e.footer?.text ?? "").length > 2048) problems.push("footer over 2048");
    total += (e.title ?? "").length + (e.description ?? "").length + (e.footer?.text ?? "").length;
  }
  if (total > 6000) problems.push(`${total} characters of embeds (at most 6000)`);
  const top = message.components ?? [];
  if (top.length > 5) problems.push(`${top.length} rows of components (at most 5)`);
  for (const c of top) if (c.type !== ACTION_ROW) problems.push(`component type ${c.type} without IS_COMPONENTS_V2`);
  if (!edit && !message.content && embeds.length === 0 && top.length === 0) problems.push("an empty message");
  return problems;
}
