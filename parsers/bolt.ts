/**
 * A read-only reader of a bbolt database file (the format of containerd's meta.db), written from
 * the file format: fixed-size pages, each with a 16-byte header (id u64, flags u16, count u16,
 * overflow u32, little-endian); pages 0 and 1 are the two meta pages (magic, version 2, page size,
 * root bucket, high-water page id, transaction id, FNV-1a 64 checksum); a bucket is a B+tree of
 * branch pages (elements: pos u32, ksize u32, pgid u64) and leaf pages (elements: flags u32, pos
 * u32, ksize u32, vsize u32; flag 1 = a sub-bucket, whose value is {root pgid u64, sequence u64}
 * and, when root is 0, an inline page right after it).
 *
 * The bytes were copied while the writer may have been writing: every page reached is checked
 * (its own id, its kind, within the bytes read), and the newer meta page falls back to the older
 * one. Anything else throws a BoltError: the caller says the store could not be read.
 */

export class BoltError extends Error {
  constructor(
    readonly why: 'not-bolt' | 'cut' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'BoltError';
  }
}

export interface BoltEntry {
  key: Uint8Array;
  /** The value of a plain key; null for a sub-bucket. */
  value: Uint8Array | null;
  bucket: BoltBucket | null;
}

export interface BoltBucket {
  /** Every key of the bucket, in key order. */
  entries(): BoltEntry[];
  /** The entry whose key is this (UTF-8) name. */
  get(name: string): BoltEntry | undefined;
}

export interface BoltDb {
  root: BoltBucket;
  txid: number;
  pageSize: number;
}

const MAGIC = 0xed0cdaed;
const BRANCH = 0x01;
const LEAF = 0x02;
const META = 0x04;
const HEADER = 16;
const ELEMENT = 16;
/** No real tree is this deep; a cycle in torn bytes is. */
const MAX_DEPTH = 64;

interface Meta {
  pageSize: number;
  root: number;
  highWater: number;
  txid: number;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;
/** A u64 that must fit a JS number (page ids, transaction ids); larger is corruption. */
function u64(b: Uint8Array, o: number): number {
  const hi = u32(b, o + 4);
  if (hi > 0x1fffff) throw new BoltError('corrupt', `a 64-bit field at byte ${o} is out of range`);
  return hi * 0x100000000 + u32(b, o);
}

function fnv1a64(b: Uint8Array, from: number, to: number): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = from; i < to; i++) h = BigInt.asUintN(64, (h ^ BigInt(b[i]!)) * 0x100000001b3n);
  return h;
}

function readMeta(b: Uint8Array, at: number): Meta | null {
  if (b.length < at + HEADER + 64) return null;
  const m = at + HEADER;
  if (!(u16(b, at + 8) & META) || u32(b, m) !== MAGIC || u32(b, m + 4) !== 2) return null;
  const sum = BigInt(u32(b, m + 56)) + (BigInt(u32(b, m + 60)) << 32n);
  if (fnv1a64(b, m, m + 56) !== sum) return null;
  const pageSize = u32(b, m + 8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  try {
    return { pageSize, root: u64(b, m + 16), highWater: u64(b, m + 40), txid: u64(b, m + 48) };
  } catch {
    return null;
  }
}

/** Opens the bytes of a bbolt file; throws BoltError when they are not one or are unreadable. */
export function openBolt(b: Uint8Array): BoltDb {
  const first = readMeta(b, 0);
  if (!first && (b.length < 4096 + HEADER || u32(b, HEADER) !== MAGIC)) throw new BoltError('not-bolt', 'no bbolt meta page at the start of the file');
  // The second meta page is one page in: the first's page size, even when its checksum fails.
  const guess = b.length >= HEADER + 12 ? u32(b, HEADER + 8) : 0;
  const second = readMeta(b, first ? first.pageSize : guess >= 512 && guess <= 65536 && (guess & (guess - 1)) === 0 ? guess : 4096);
  const metas = [first, second].filter((m): m is Meta => m !== null).sort((x, y) => y.txid - x.txid);
  if (metas.length === 0) throw new BoltError('corrupt', 'neither meta page is valid');
  let failure: BoltError | null = null;
  for (const meta of metas) {
    try {
      const root = bucketAt(b, meta, meta.root, null, 0);
      root.entries(); // the top level is read now: a torn newest meta falls back to the older one
      return { root, txid: meta.txid, pageSize: meta.pageSize };
    } catch (e) {
      if (!(e instanceof BoltError)) throw e;
      failure = e;
    }
  }
  throw failure!;
}

/** A page of the file (or an inline page): its bytes, kind and element count. */
interface Page {
  buf: Uint8Array;
  at: number;
  flags: number;
  count: number;
}

function filePage(b: Uint8Array, meta: Meta, id: number): Page {
  if (id < 2 || id >= meta.highWater) throw new BoltError('corrupt', `page ${id} is outside the tree (high water ${meta.highWater})`);
  const at = id * meta.pageSize;
  if (at + HEADER > b.length) throw new BoltError('cut', `page ${id} is beyond the ${b.length} bytes read`);
  if (u64(b, at) !== id) throw new BoltError('corrupt', `page ${id} carries id ${u64(b, at)} (written while read?)`);
  const overflow = u32(b, at + 12);
  const end = at + (overflow + 1) * meta.pageSize;
  if (end > b.length) throw new BoltError('cut', `page ${id} ends beyond the ${b.length} bytes read`);
  return { buf: b.subarray(at, end), at: 0, flags: u16(b, at + 8), count: u16(b, at + 10) };
}

function slice(p: Page, from: number, len: number): Uint8Array {
  if (from < 0 || from + len > p.buf.length) throw new BoltError('corrupt', 'an element points outside its page');
  return p.buf.subarray(from, from + len);
}

function bucketAt(b: Uint8Array, meta: Meta, rootId: number, inline: Page | null, depth: number): BoltBucket {
  let cached: BoltEntry[] | null = null;
  const entries = (): BoltEntry[] => {
    if (cached) return cached;
    const out: BoltEntry[] = [];
    walk(inline ?? filePage(b, meta, rootId), 0, out);
    cached = out;
    return out;
  };
  const walk = (p: Page, level: number, out: BoltEntry[]): void => {
    if (level > MAX_DEPTH) throw new BoltError('corrupt', 'a bucket tree deeper than any real one (a cycle?)');
    const base = p.at + HEADER;
    if (base + p.count * ELEMENT > p.buf.length) throw new BoltError('corrupt', 'more elements than the page holds');
    if (p.flags & BRANCH) {
      for (let i = 0; i < p.count; i++) walk(filePage(b, meta, u64(p.buf, base + i * ELEMENT + 8)), level + 1, out);
      return;
    }
    if (!(p.flags & LEAF)) throw new BoltError('corrupt', `a bucket page of kind ${p.flags} (written while read?)`);
    for (let i = 0; i < p.count; i++) {
      const e = base + i * ELEMENT;
      const flags = u32(p.buf, e);
      const pos = u32(p.buf, e + 4);
      const key = slice(p, e + pos, u32(p.buf, e + 8));
      const value = slice(p, e + pos + key.length, u32(p.buf, e + 12));
      if (!(flags & 1)) {
        out.push({ key, value, bucket: null });
        continue;
      }
      if (value.length < 16) throw new BoltError('corrupt', 'a sub-bucket value shorter than its header');
      if (depth >= MAX_DEPTH) throw new BoltError('corrupt', 'buckets nested deeper than any real store');
      const root = u64(value, 0);
      const page = root === 0 ? { buf: value, at: 16, flags: u16(value, 16 + 8), count: u16(value, 16 + 10) } : null;
      if (page && value.length < 16 + HEADER) throw new BoltError('corrupt', 'an inline bucket shorter than its page header');
      out.push({ key, value: null, bucket: bucketAt(b, meta, root, page, depth + 1) });
    }
  };
  const decoder = new TextEncoder();
  return {
    entries,
    get(name: string) {
      const want = decoder.encode(name);
      return entries().find((x) => x.key.length === want.length && x.key.every((v, i) => v === want[i]));
    },
  };
}
