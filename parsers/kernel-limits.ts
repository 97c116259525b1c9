/**
 * The kernel-limits section: "FILE:VALUE" per /proc/sys file (relative to /proc/sys, as one
 * `grep -H ''` prints them) and "tasks N" (threads in use: each holds a pid).
 */
import { excerpt } from './sanitize.js';
import { issue, type ParseIssue } from './issues.js';
import { lines, type Parsed } from './types.js';

/** Each figure is null when the kernel has no such file (no conntrack module) or did not say. */
export interface KernelLimits {
  /** fs/file-nr: file handles allocated (the first field) and fs/file-max. */
  openFiles: number | null;
  fileMax: number | null;
  /** Threads in use (/proc/loadavg) and kernel/pid_max. */
  tasks: number | null;
  pidMax: number | null;
  /** fs/inotify/max_user_instances and max_user_watches (per user). */
  inotifyMaxInstances: number | null;
  inotifyMaxWatches: number | null;
  /** net/netfilter/nf_conntrack_count and nf_conntrack_max (this network namespace). */
  conntrackCount: number | null;
  conntrackMax: number | null;
}

const FIELDS: Record<string, keyof KernelLimits> = {
  'fs/file-max': 'fileMax',
  'kernel/pid_max': 'pidMax',
  'fs/inotify/max_user_instances': 'inotifyMaxInstances',
  'fs/inotify/max_user_watches': 'inotifyMaxWatches',
  'net/netfilter/nf_conntrack_count': 'conntrackCount',
  'net/netfilter/nf_conntrack_max': 'conntrackMax',
};

const NUMBER = /^\d{1,20}$/;

export function parseKernelLimits(text: string): Parsed<KernelLimits> {
  const issues: ParseIssue[] = [];
  const value: KernelLimits = { openFiles: null, fileMax: null, tasks: null, pidMax: null, inotifyMaxInstances: null, inotifyMaxWatches: null, conntrackCount: null, conntrackMax: null };
  lines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const bad = () => issues.push(issue('kernel-limits-bad-line', { text: excerpt(raw) }, i + 1));
    if (line.startsWith('tasks ')) {
      const n = line.slice(6).trim();
      if (NUMBER.test(n)) value.tasks = Number(n);
      else bad();
      return;
    }
    const colon = line.indexOf(':');
    const file = colon > 0 ? line.slice(0, colon) : '';
    const fields = line.slice(colon + 1).trim().split(/\s+/);
    if (!fields.every((f) => NUMBER.test(f))) return bad();
    if (file === 'fs/file-nr') {
      if (fields.length !== 3) return bad();
      value.openFiles = Number(fields[0]);
      return;
    }
    const key = FIELDS[file];
    if (!key || fields.length !== 1) return bad();
    value[key] = Number(fields[0]);
  });
  return { value, issues };
}
