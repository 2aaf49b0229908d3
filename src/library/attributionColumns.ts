import type { Attribution, SpeakerSource, SpeechKind } from "../attribution/attribution.js";

/**
 * The library's distinct attributions, by column: speakers and their descriptions as places among
 * distinct names, the rest as small codes. Ten million passages have three million distinct
 * attributions (the descriptions differ); as objects they were a quarter of a gigabyte of heap that
 * the garbage collector copied and marked while a snapshot loaded. An attribution object is made
 * when a passage's is asked for.
 */
export interface AttributionColumns {
  /** The distinct speakers and descriptions. */
  names: string[];
  /** Per attribution: its speaker's and description's place in `names`, -1 for none. */
  speaker: Int32Array;
  description: Int32Array;
  /** Its kind's place in KINDS, its source's in SOURCES, and PROBABLE | QUOTE_OPEN_BEFORE | QUOTE_OPEN_AFTER. */
  kind: Uint8Array;
  via: Uint8Array;
  flags: Uint8Array;
}

const KINDS: readonly SpeechKind[] = ["direct", "indirect", "none"];
const SOURCES: readonly (SpeakerSource | null)[] = [null, "named", "pronoun", "continuation"];
const PROBABLE = 1;
const QUOTE_OPEN_BEFORE = 2;
const QUOTE_OPEN_AFTER = 4;
const NONE = -1;

/** Attribution id as an object. */
export function attributionOf(columns: AttributionColumns, id: number): Attribution {
  const { names, speaker, description, kind, via, flags } = columns;
  const s = speaker[id]!;
  const d = description[id]!;
  const f = flags[id]!;
  return {
    speaker: s === NONE ? null : names[s]!,
    speakerDescription: d === NONE ? null : names[d]!,
    kind: KINDS[kind[id]!]!,
    via: SOURCES[via[id]!]!,
    probable: (f & PROBABLE) !== 0,
    quoteOpenBefore: (f & QUOTE_OPEN_BEFORE) !== 0,
    quoteOpenAfter: (f & QUOTE_OPEN_AFTER) !== 0,
  };
}

/** Attribution id's speaker, without making the attribution. */
export function speakerOf(columns: AttributionColumns, id: number): string | null {
  const s = columns.speaker[id]!;
  return s === NONE ? null : columns.names[s]!;
}

/** How many attributions the columns hold. */
export const attributionCount = (columns: AttributionColumns): number => columns.kind.length;

/** Checks columns read from a snapshot (every code and place in range); throws when they do not hold together. */
export function checkAttributions(columns: AttributionColumns): void {
  const { names, speaker, description, kind, via, flags } = columns ?? {};
  const n = kind?.length;
  if (!Array.isArray(names) || ![speaker, description].every((c) => c instanceof Int32Array && c.length === n))
    throw new Error("the attributions are incomplete");
  if (![kind, via, flags].every((c) => c instanceof Uint8Array && c.length === n)) throw new Error("the attributions are incomplete");
  for (let i = 0; i < n; i++) {
    if (speaker[i]! < NONE || speaker[i]! >= names.length || description[i]! < NONE || description[i]! >= names.length)
      throw new Error(`attribution ${i} names someone not listed`);
    if (kind[i]! >= KINDS.length || via[i]! >= SOURCES.length || flags[i]! > 7) throw new Error(`attribution ${i} is malformed`);
  }
}

/** The columns' typed arrays (to move them to another thread). */
export function attributionArrays(columns: AttributionColumns): ArrayBufferView[] {
  return [columns.speaker, columns.description, columns.kind, columns.via, columns.flags];
}

/** Distinct attributions, each with its id: most passages share one with others. */
export class AttributionList {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly placeOfName = new Map<string, number>();
  private readonly rows: [number[], number[], number[], number[], number[]] = [[], [], [], [], []];

  idOf(a: Attribution): number {
    const key = `${a.speaker ?? "\u0001"}\u0000${a.speakerDescription ?? "\u0001"}\u0000${a.kind}\u0000${a.via}\u0000${a.probable}\u0000${a.quoteOpenBefore}\u0000${a.quoteOpenAfter}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      const [speaker, description, kind, via, flags] = this.rows;
      id = kind.length;
      speaker.push(this.placeOf(a.speaker));
      description.push(this.placeOf(a.speakerDescription));
      kind.push(KINDS.indexOf(a.kind));
      via.push(SOURCES.indexOf(a.via));
      flags.push((a.probable ? PROBABLE : 0) | (a.quoteOpenBefore ? QUOTE_OPEN_BEFORE : 0) | (a.quoteOpenAfter ? QUOTE_OPEN_AFTER : 0));
      this.ids.set(key, id);
    }
    return id;
  }

  columns(): AttributionColumns {
    const [speaker, description, kind, via, flags] = this.rows;
    return {
      names: this.names,
      speaker: Int32Array.from(speaker),
      description: Int32Array.from(description),
      kind: Uint8Array.from(kind),
      via: Uint8Array.from(via),
      flags: Uint8Array.from(flags),
    };
  }

  private placeOf(name: string | null): number {
    if (name === null) return NONE;
    let place = this.placeOfName.get(name);
    if (place === undefined) {
      place = this.names.push(name) - 1;
      this.placeOfName.set(name, place);
    }
    return place;
  }
}
