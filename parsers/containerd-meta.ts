/**
 * The `containerd-meta` section: containerd's (and k3s's) metadata store, meta.db, copied as bytes
 * and read here (parsers/bolt.ts). It holds every container, with or without a task: what
 * `ctr containers ls` lists, with the image, labels, creation time and OCI spec `ctr containers
 * info` shows. Lines:
 *
 *   @meta KIND PATH SIZE ENC     KIND containerd|k3s; SIZE in bytes ('-' unknown); ENC base64 | od,
 *                                then the file's bytes in that encoding (base64 lines, or `od -An -v -tx1`)
 *   @meta KIND PATH SIZE too-big the file is larger than the probe copies (its contents not sent)
 *   @meta KIND PATH - denied     not readable by this user (without --sudo)
 *
 * Layout of a store (containerd's schema v1): v1 / NAMESPACE / containers / ID / {image, labels/,
 * createdat, updatedat, spec (a protobuf Any holding the spec's JSON), runtime/name, snapshotter}.
 * Nothing here came from a socket: it works with containerd and kubelet down.
 */
import { BoltError, openBolt, type BoltBucket } from './bolt.js';
import { issue } from './issues.js';
import { sanitize } from './sanitize.js';
import { specFields } from './runtime-state.js';
import type { Parsed, ParseIssue } from './types.js';

export type MetaStoreState = 'read' | 'too-big' | 'denied' | 'unreadable';

export interface MetaContainer {
  namespace: string;
  id: string;
  /** The image it was made from; '' when none (made from a rootfs). */
  image: string;
  labels: Record<string, string>;
  /** Unix seconds containerd recorded its creation (what `ctr containers info` calls CreatedAt); null when absent. */
  createdAt: number | null;
  runtime: string;
  /** From its OCI spec, as a task bundle's config.json would give them. */
  annotations: Record<string, string>;
  cgroupsPath: string | null;
  args: string[];
}

export interface MetaStore {
  kind: 'containerd' | 'k3s';
  path: string;
  /** The file's size; null when not known. */
  bytes: number | null;
  state: MetaStoreState;
  /** Why it could not be read (state 'unreadable'): cut, not a bbolt file, or changed while copied. */
  reason: 'not-bolt' | 'cut' | 'corrupt' | null;
  containers: MetaContainer[];
}

export interface ContainerdMeta {
  stores: MetaStore[];
}

const HEADER = /^@meta (containerd|k3s) (\/\S+) (\d+|-) (base64|od|too-big|denied)$/;

export function parseContainerdMeta(text: string): Parsed<ContainerdMeta> {
  const issues: ParseIssue[] = [];
  const stores: MetaStore[] = [];
  // Scanned by index, not split into lines: a store's body is megabytes of base64 in one piece.
  let pos = 0;
  let n = 1;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end).replace(/\r$/, '');
    const m = HEADER.exec(line);
    pos = end + 1;
    if (!m) {
      if (line !== '') issues.push(issue('meta-bad-line', { text: sanitize(line.slice(0, 80)) }, n));
      n++;
      continue;
    }
    const state: MetaStoreState = m[4] === 'too-big' ? 'too-big' : m[4] === 'denied' ? 'denied' : 'read';
    const s: MetaStore = { kind: m[1] as MetaStore['kind'], path: sanitize(m[2]!), bytes: m[3] === '-' ? null : Number(m[3]), state, reason: null, containers: [] };
    stores.push(s);
    n++;
    if (state !== 'read') continue;
    // the body runs to the next header
    const next = text.indexOf('\n@meta ', end);
    const body = next < 0 ? text.slice(pos) : text.slice(pos, next);
    readStore(s, m[4] === 'od' ? fromOd(body) : fromBase64(body), issues);
    for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) n++;
    n++;
    pos = next < 0 ? text.length : next + 1;
  }
  return { value: { stores }, issues };
}

/** Base64 lines (Node's decoder skips the line ends). */
function fromBase64(body: string): Uint8Array {
  return Buffer.from(body, 'base64');
}

function fromOd(body: string): Uint8Array {
  const hex = body.trim().split(/\s+/).filter(Boolean);
  const out = new Uint8Array(hex.length);
  hex.forEach((h, i) => (out[i] = parseInt(h, 16) & 0xff));
  return out;
}

function readStore(s: MetaStore, bytes: Uint8Array, issues: ParseIssue[]): void {
  try {
    if (s.bytes !== null && bytes.length < s.bytes) throw new BoltError('cut', `${bytes.length} of ${s.bytes} bytes`);
    const v1 = openBolt(bytes).root.get('v1')?.bucket;
    if (!v1) return; // a store no container was ever made in
    for (const ns of v1.entries()) {
      const containers = ns.bucket?.get('containers')?.bucket;
      if (!containers) continue;
      for (const c of containers.entries()) if (c.bucket) s.containers.push(container(text(ns.key), text(c.key), c.bucket));
    }
  } catch (e) {
    s.state = 'unreadable';
    s.reason = e instanceof BoltError ? e.why : 'corrupt';
    s.containers = [];
    issues.push(issue('meta-unreadable', { path: s.path, why: sanitize(e instanceof Error ? e.message : String(e)).slice(0, 160) }));
  }
}

const decoder = new TextDecoder();
const text = (b: Uint8Array | null | undefined) => (b ? sanitize(decoder.decode(b)) : '');

function strings(b: BoltBucket | null | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const e of b?.entries() ?? []) if (e.value) out[text(e.key)] = text(e.value);
  return out;
}

function container(namespace: string, id: string, b: BoltBucket): MetaContainer {
  const value = (k: string) => b.get(k)?.value ?? null;
  const spec = specJson(value('spec'));
  return {
    namespace,
    id,
    image: text(value('image')),
    labels: strings(b.get('labels')?.bucket),
    createdAt: goTime(value('createdat')),
    runtime: text(b.get('runtime')?.bucket?.get('name')?.value),
    ...specFields(spec),
  };
}

/** Go's time.MarshalBinary: version 1|2, seconds since year 1 (int64 BE), nanoseconds, zone -> Unix seconds. */
export function goTime(b: Uint8Array | null): number | null {
  if (!b || b.length < 15 || (b[0] !== 1 && b[0] !== 2)) return null;
  let sec = 0;
  for (let i = 1; i <= 8; i++) sec = sec * 256 + b[i]!;
  const unix = sec - 62135596800;
  return Number.isSafeInteger(unix) && unix > 0 ? unix : null;
}

/** The spec's JSON out of its protobuf Any (field 1 type URL, field 2 value); null when not one. */
function specJson(b: Uint8Array | null): unknown {
  if (!b) return null;
  let i = 0;
  while (i < b.length) {
    const tag = b[i++]!;
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      if (i >= b.length || shift > 28) return null;
      const x = b[i++]!;
      len += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) break;
    }
    if ((tag & 7) !== 2 || i + len > b.length) return null;
    if (tag >> 3 === 2) {
      try {
        return JSON.parse(decoder.decode(b.subarray(i, i + len))) as unknown;
      } catch {
        return null;
      }
    }
    i += len;
  }
  return null;
}
