/**
 * The hot loop of a search by meaning: every passage's 64-bit signature against a question's, a
 * million a question; and every corpus word's 128-bit signature against a question word's. In
 * JavaScript it takes 3 to 6 ms a million (bits counted 16 at a time from a table); in WebAssembly,
 * where a 64-bit word's bits are counted by one instruction (i64.popcnt), about a third of that. The
 * module is small enough to write out here, with its text form beside each function:
 *
 *   (func $scan (param $q i64) (param $count i32) (param $signatures i32) (param $distances i32)
 *     ;; for each entry i: distance = popcnt(q xor signature[i]); distances[i] = distance; histogram[distance]++
 *   (func $scan128 (param $q0 i64) (param $q1 i64) (param $count i32) (param $signatures i32) (param $distances i32)
 *     ;; the same over two 64-bit words an entry
 *   (func $collect (param $count i32) (param $distances i32) (param $cutoff i32) (param $out i32) (param $room i32) (result i32)
 *     ;; in entry order: every i with distances[i] < cutoff, and the first `room` at the cutoff, written to out;
 *     ;; sixteen distances at a time (i8x16.le_u), looked at one by one only when one of them is near enough
 *
 * Memory: the histogram (at most 129 counts) at 0, the signatures at SIGNATURES, then the distances (padded to sixteen with 255, farther than
 * any cut-off), then room for the entries collected.
 */
export class HammingScan {
  private readonly memory: WasmMemory;
  private readonly scanAll: (q: bigint, count: number, signatures: number, distances: number) => void;
  private readonly scanAll128: (q0: bigint, q1: bigint, count: number, signatures: number, distances: number) => void;
  private readonly collectNear: (count: number, distances: number, cutoff: number, out: number, room: number) => number;
  private readonly distancesAt: number;
  private readonly outAt: number;
  readonly count: number;

  /** `signatures`: `bits` / 32 words an entry (64 or 128 bits), entry after entry. */
  constructor(
    signatures: Uint32Array,
    private readonly bits: 64 | 128 = 64,
  ) {
    const words = bits / 32;
    const count = signatures.length / words;
    this.distancesAt = SIGNATURES + 4 * words * count;
    this.outAt = align(this.distancesAt + count + 16, 16);
    const bytes = this.outAt + 4 * MAX_COLLECTED;
    const instance = new wasm.Instance(module());
    this.memory = instance.exports.memory as WasmMemory;
    this.memory.grow(Math.ceil(bytes / PAGE) - this.memory.buffer.byteLength / PAGE);
    new Uint32Array(this.memory.buffer, SIGNATURES, words * count).set(signatures);
    new Uint8Array(this.memory.buffer, this.distancesAt + count, this.outAt - this.distancesAt - count).fill(255);
    this.scanAll = instance.exports.scan as HammingScan["scanAll"];
    this.scanAll128 = instance.exports.scan128 as HammingScan["scanAll128"];
    this.collectNear = instance.exports.collect as HammingScan["collectNear"];
    this.count = count;
  }

  /** The query's distance to every entry (`bits` / 32 words), counted by distance (index: bits apart). */
  histogram(query: ArrayLike<number>): Int32Array {
    const histogram = new Int32Array(this.memory.buffer, 0, this.bits + 1);
    histogram.fill(0);
    const word64 = (k: number) => BigInt(query[k]! >>> 0) | (BigInt(query[k + 1]! >>> 0) << 32n);
    if (this.bits === 64) this.scanAll(word64(0), this.count, SIGNATURES, this.distancesAt);
    else this.scanAll128(word64(0), word64(2), this.count, SIGNATURES, this.distancesAt);
    return histogram.slice();
  }

  /** After histogram(): each entry's distance, read in place (valid until the next scan). */
  distances(): Uint8Array {
    return new Uint8Array(this.memory.buffer, this.distancesAt, this.count);
  }

  /**
   * After histogram(): in entry order, every entry nearer than `cutoff`, and the first `room`
   * entries at it (at most MAX_COLLECTED in all), with their distances.
   */
  collect(cutoff: number, room: number): { passage: number; distance: number }[] {
    const n = this.collectNear(this.count, this.distancesAt, cutoff, this.outAt, Math.min(room, MAX_COLLECTED));
    const passages = new Uint32Array(this.memory.buffer, this.outAt, Math.min(n, MAX_COLLECTED));
    const distances = this.distances();
    return Array.from(passages, (passage) => ({ passage, distance: distances[passage]! }));
  }
}

const PAGE = 65_536;
/** After the histogram (129 counts of 4 bytes). */
const SIGNATURES = 1024;
/** Passages one search collects at most (a search wants 64). */
export const MAX_COLLECTED = 4_096;
const align = (n: number, to: number) => Math.ceil(n / to) * to;

/** What this file uses of WebAssembly's JavaScript API (Node has it; TypeScript types it only with the DOM's library). */
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | null = null;
function module(): object {
  compiled ??= new wasm.Module(moduleBytes());
  return compiled;
}

// WebAssembly's binary format (https://webassembly.github.io/spec/core/binary/): the opcodes used.
const I32 = 0x7f;
const I64 = 0x7e;
const EMPTY = 0x40;
const V128 = 0x7b;
/** SIMD instructions follow the 0xfd prefix (each number below fits one byte of LEB128). */
const simd = { v128Load: 0x00, i8x16Splat: 0x0f, i8x16LeU: 0x2a, v128AnyTrue: 0x53 } as const;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  i32Load: 0x28,
  i64Load: 0x29,
  i64Add: 0x7c,
  i32Load8U: 0x2d,
  i32Store: 0x36,
  i32Store8: 0x3a,
  i32Const: 0x41,
  i32LtU: 0x49,
  i32Eq: 0x46,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Shl: 0x74,
  simd: 0xfd,
  i64Popcnt: 0x7b,
  i64Xor: 0x85,
  i32WrapI64: 0xa7,
} as const;
/** A memory access's alignment (log2) and offset. */
const memarg = (alignLog2: number, offset = 0) => [alignLog2, offset];

/** Unsigned LEB128, as the format writes sizes and counts. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const name = (text: string) => [...leb(text.length), ...Buffer.from(text, "ascii")];
/** A function body: its locals (each a run of one type) and its code. */
const body = (locals: [count: number, type: number][], code: number[]) => {
  const content = [...vec(locals.map(([n, t]) => [...leb(n), t])), ...code, op.end];
  return [...leb(content.length), ...content];
};
const get = (i: number) => [op.localGet, i];
const set = (i: number) => [op.localSet, i];
const constant = (n: number) => [op.i32Const, ...sleb(n)];

/** Signed LEB128, as i32.const writes its number. */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}
const increment = (i: number) => [...get(i), ...constant(1), op.i32Add, ...set(i)];
/** for (i = 0; i < count; i++) { code }: i and count are locals. */
const forEach = (i: number, count: number, code: number[]) => [
  ...[op.block, EMPTY, op.loop, EMPTY],
  ...[...get(i), ...get(count), op.i32GeU, op.brIf, 1],
  ...code,
  ...increment(i),
  ...[op.br, 0, op.end, op.end],
];

/** histogram[distance]++, distance a local (the histogram is at 0). */
const countInto = (distance: number) => [
  ...[...get(distance), ...constant(2), op.i32Shl],
  ...[...get(distance), ...constant(2), op.i32Shl, op.i32Load, ...memarg(2), ...constant(1), op.i32Add, op.i32Store, ...memarg(2)],
];

/** for (i = 0; i < count; i += 16) { code }: i and count are locals. */
const forEachSixteen = (i: number, count: number, code: number[]) => [
  ...[op.block, EMPTY, op.loop, EMPTY],
  ...[...get(i), ...get(count), op.i32GeU, op.brIf, 1],
  ...code,
  ...[...get(i), ...constant(16), op.i32Add, ...set(i)],
  ...[op.br, 0, op.end, op.end],
];

function moduleBytes(): Uint8Array {
  // scan(q, count, signatures, distances); local 4: i, local 5: distance.
  const scan = body(
    [[2, I32]],
    forEach(4, 1, [
      // distance = popcnt(q ^ signatures[i])
      ...[...get(0), ...get(2), ...get(4), ...constant(3), op.i32Shl, op.i32Add, op.i64Load, ...memarg(3)],
      ...[op.i64Xor, op.i64Popcnt, op.i32WrapI64, ...set(5)],
      // distances[i] = distance
      ...[...get(3), ...get(4), op.i32Add, ...get(5), op.i32Store8, ...memarg(0)],
      // histogram[distance]++
      ...countInto(5),
    ]),
  );
  // scan128(q0, q1, count, signatures, distances); local 5: i, local 6: distance.
  const scan128 = body(
    [[2, I32]],
    forEach(5, 2, [
      // entry = signatures + 16 i; distance = popcnt(q0 ^ entry[0]) + popcnt(q1 ^ entry[8])
      ...[...get(3), ...get(5), ...constant(4), op.i32Shl, op.i32Add, ...set(6)],
      ...[...get(0), ...get(6), op.i64Load, ...memarg(3), op.i64Xor, op.i64Popcnt],
      ...[...get(1), ...get(6), op.i64Load, ...memarg(3, 8), op.i64Xor, op.i64Popcnt],
      ...[op.i64Add, op.i32WrapI64, ...set(6)],
      // distances[i] = distance
      ...[...get(4), ...get(5), op.i32Add, ...get(6), op.i32Store8, ...memarg(0)],
      // histogram[distance]++
      ...countInto(6),
    ]),
  );
  // collect(count, distances, cutoff, out, room) -> n; local 5: i, local 6: n, local 7: distance, local 8: j, local 9: the cut-off sixteen times.
  const write = [...get(3), ...get(6), ...constant(2), op.i32Shl, op.i32Add, ...get(8), op.i32Store, ...memarg(2), ...increment(6)];
  const collect = body(
    [
      [4, I32],
      [1, V128],
    ],
    [
      ...[...get(2), op.simd, simd.i8x16Splat, ...set(9)],
      ...forEachSixteen(5, 0, [
        // any of distances[i … i + 15] at or under the cut-off?
        ...[...get(1), ...get(5), op.i32Add, op.simd, simd.v128Load, ...memarg(0), ...get(9), op.simd, simd.i8x16LeU],
        ...[op.simd, simd.v128AnyTrue, op.if, EMPTY],
        ...[...get(5), ...set(8)],
        ...[op.block, EMPTY, op.loop, EMPTY],
        ...[...get(8), ...get(5), ...constant(16), op.i32Add, op.i32GeU, op.brIf, 1],
        ...[...get(1), ...get(8), op.i32Add, op.i32Load8U, ...memarg(0), ...set(7)],
        // nearer than the cut-off: always taken
        ...[...get(7), ...get(2), op.i32LtU, op.if, EMPTY, ...write, op.end],
        // at it: while there is room
        ...[...get(7), ...get(2), op.i32Eq, op.if, EMPTY],
        ...[...get(4), op.if, EMPTY, ...write, ...get(4), ...constant(1), op.i32Sub, ...set(4), op.end],
        op.end,
        ...increment(8),
        ...[op.br, 0, op.end, op.end],
        op.end,
      ]),
      ...get(6),
    ],
  );
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(
      1,
      vec([
        [0x60, ...vec([[I64], [I32], [I32], [I32]]), ...vec([])],
        [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), ...vec([[I32]])],
        [0x60, ...vec([[I64], [I64], [I32], [I32], [I32]]), ...vec([])],
      ]),
    ),
    ...section(3, vec([[0], [1], [2]])), // scan has type 0, collect type 1, scan128 type 2
    ...section(5, vec([[0x00, 1]])), // one memory, at least a page, grown by the constructor
    ...section(
      7,
      vec([
        [...name("memory"), 0x02, 0],
        [...name("scan"), 0x00, 0],
        [...name("collect"), 0x00, 1],
        [...name("scan128"), 0x00, 2],
      ]),
    ),
    ...section(10, vec([scan, collect, scan128])),
  ]);
}
