// Terminal escapes from a REAL host: the lab hosts get a process argv, a mount
// (source and target), container labels and a systemd unit description that
// hold ESC ] 0;title BEL, ESC [ 2J, C1 CSI and friends. cosi's --json, every
// screenshot format and the TUI frame show them as visible text and never pass
// a control sequence to the terminal. Everything created is removed afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitize } from '../../parsers/sanitize.js';
import { keysToOpen } from '../../src/export/demo-shots.js';
import { buildModel } from '../../src/model/build.js';
import type { HostModel } from '../../src/model/types.js';
import { readSnapshotFile } from '../../src/snapshot/file.js';
import type { RawSnapshot } from '../../src/snapshot/types.js';
import type { TabId } from '../../src/store/types.js';
import { renderFrame } from '../../views/render-frame.js';
import { cosi } from '../support/cli.js';
import { dirtyPaths, nonSgrEscapes } from '../unit/hostile/_support.js';
import { labUp, LAB, sshConfigFor } from './lab.js';
import { tmuxPane } from './support/tmux.js';

const SYS = ['-H', `unix://${LAB.rancher.daemonSocket}`];
const USR = ['-H', `unix://${LAB.systemd.daemonSocket}`];
const docker = (args: string[]) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const quiet = (f: () => unknown) => {
  try {
    f();
  } catch {
    // cleanup of something that is not there
  }
};

// What the host says, and what cosi must show instead (the sanitizer's visible form).
const ESCAPES = '\u001b]0;pwned\u0007\u001b[2J\u00c2\u009b31m';
const ARGV0 = `cosi-hostile-argv${ESCAPES}`;
const MOUNT_DIR = `/tmp/cosi-hostile-mnt${ESCAPES}`;
const MOUNT_SRC = `cosi-hostile-src\u001b[2J`;
const LABEL = `cosi-hostile-label${ESCAPES}`;
const LABEL_KEY = `cosi.hostile\u001b[2J`;
const UNIT = 'cosi-hostile-test';
const DESCRIPTION = `cosi-hostile-unit\u001b]0;pwned\u0007\u001b[2J`;
const visible = (s: string) => sanitize(s);

const dir = mkdtempSync(join(tmpdir(), 'cosi-hostile-lab-'));
let consolePid = '';
const snaps: Record<'rancher' | 'systemd', { file: string; raw: RawSnapshot; model: HostModel }> = {} as never;

function cleanup(): void {
  quiet(() => consolePid && docker([...SYS, 'exec', 'console', 'kill', consolePid]));
  quiet(() => docker([...SYS, 'exec', 'console', 'sh', '-c', 'umount "$1"; rmdir "$1"; rm -f /tmp/cosi-hostile.pid', 'sh', MOUNT_DIR]));
  quiet(() => docker([...USR, 'rm', '-f', 'cosi-hostile']));
  quiet(() => docker([...USR, 'exec', LAB.systemd.container, 'systemctl', 'stop', `${UNIT}.service`]));
}

async function snapshot(host: 'rancher' | 'systemd') {
  const file = join(dir, `${host}.cosi.json`);
  const r = cosi(['snapshot', '--via', LAB[host].viaCommand, '-o', file]);
  expect(r.status, r.stderr).toBe(0);
  const raw = await readSnapshotFile(file);
  snaps[host] = { file, raw, model: buildModel(raw) };
}

beforeAll(async () => {
  await labUp('all');
  cleanup();
  // A process whose argv[0] holds the escapes, in the RancherOS console.
  docker([...SYS, 'exec', '-d', 'console', 'bash', '-c', 'echo $$ > /tmp/cosi-hostile.pid; exec -a "$0" sleep 600', ARGV0]);
  // A mount whose source and target hold them.
  docker([...SYS, 'exec', 'console', 'sh', '-c', 'mkdir -p "$1" && mount -t tmpfs "$2" "$1"', 'sh', MOUNT_DIR, MOUNT_SRC]);
  // A user-docker container with escapes in a label value and a label key.
  const image = docker([...USR, 'images', '--filter', 'reference=cosi-lab/busybox', '--format', '{{.Repository}}:{{.Tag}}']).trim().split('\n')[0];
  docker([...USR, 'run', '-d', '--name', 'cosi-hostile', '--label', `note=${LABEL}`, '--label', `${LABEL_KEY}=x`, image, 'sleep', '600']);
  // A systemd unit with escapes in its description, on the CoreOS-like host.
  docker([...USR, 'exec', LAB.systemd.container, 'systemd-run', '--unit', UNIT, '--description', DESCRIPTION, 'sleep', '600']);
  consolePid = docker([...SYS, 'exec', 'console', 'cat', '/tmp/cosi-hostile.pid']).trim();
  await snapshot('rancher');
  await snapshot('systemd');
}, 600_000);

afterAll(() => cleanup());

describe('escapes planted on the lab hosts', () => {
  it('reached the raw snapshots as the host printed them (the test plants real data)', () => {
    const r = snaps.rancher.raw;
    expect(r.sections.mountinfo.text).toContain('cosi-hostile-mnt\u001b]0;pwned\u0007');
    expect(r.sections.processes.text).toMatch(/cosi-hostile-argv/);
    const answers = r.engines.flatMap((e) => Object.values(e.answers)).join('\n');
    expect(answers).toContain('cosi-hostile-label\\u001b]0;pwned\\u0007');
    expect(snaps.systemd.raw.sections.systemd.text).toContain('cosi-hostile-unit');
  });

  it('are visible text in the models and in `cosi snapshot --json`, never control characters', () => {
    for (const host of ['rancher', 'systemd'] as const) expect(dirtyPaths(snaps[host].model)).toEqual([]);
    const m = snaps.rancher.model;
    expect(m.mounts.find((x) => x.target.startsWith('/tmp/cosi-hostile-mnt'))?.target).toBe(visible(MOUNT_DIR));
    expect(m.mounts.find((x) => x.target.startsWith('/tmp/cosi-hostile-mnt'))?.source).toBe(visible(MOUNT_SRC));
    const ctr = m.engines.flatMap((e) => e.containers).find((c) => c.name === 'cosi-hostile');
    expect(ctr?.labels).toMatchObject({ note: visible(LABEL), [visible(LABEL_KEY)]: 'x' });
    const p = m.processes.find((x) => x.args.includes('cosi-hostile-argv'));
    expect(p, 'the planted process').toBeDefined();
    expect(p!.args).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const u = snaps.systemd.model.units?.find((x) => x.name === `${UNIT}.service`);
    expect(u?.description).toMatch(/^cosi-hostile-unit/);
    const json = cosi(['open', snaps.rancher.file, '--json']);
    expect(json.status, json.stderr).toBe(0);
    expect(nonSgrEscapes(json.stdout)).toEqual([]);
    expect(json.stdout).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|\\u009b/);
    expect(json.stdout).toContain(JSON.stringify(visible(MOUNT_DIR)).slice(1, -1));
  });

  /** Keys that filter a list tab for `word` (one key per character, as typed). */
const filter = (word: string) => ['/', ...word.split(''), 'enter'];

  it('arrive as visible text over SSH too (persistent shell channel, Engine API over the forwarded socket)', async () => {
    const file = join(dir, 'rancher-ssh.cosi.json');
    const r = cosi(['snapshot', LAB.rancher.sshAlias, '-F', sshConfigFor('rancher').configPath, '-o', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(nonSgrEscapes(r.stdout + r.stderr)).toEqual([]);
    const raw = await readSnapshotFile(file);
    expect(raw.sections.mountinfo.text).toContain('cosi-hostile-mnt\u001b]0;pwned\u0007');
    const m = buildModel(raw);
    expect(dirtyPaths(m)).toEqual([]);
    expect(m.mounts.find((x) => x.target.startsWith('/tmp/cosi-hostile-mnt'))?.target).toBe(visible(MOUNT_DIR));
    const ctr = m.engines.flatMap((e) => e.containers).find((c) => c.name === 'cosi-hostile');
    expect(ctr?.labels).toMatchObject({ note: visible(LABEL), [visible(LABEL_KEY)]: 'x' });
  });

  const shots: [string, 'rancher' | 'systemd', TabId, (m: HostModel) => string[], string][] = [
    ['mount target', 'rancher', 'mounts', () => filter('cosi-hostile'), '\\e]0;pwned\\x07'],
    ['container label', 'rancher', 'engines', (m) => keysToOpen(m, 'engines', (k) => k.startsWith('ctr:') && k.includes(m.engines.flatMap((e) => e.containers).find((c) => c.name === 'cosi-hostile')!.id)) ?? [], 'cosi-hostile-label\\e]0;pwned\\x07'],
    // The services tab shows unit names, not descriptions; the filter matches the description (a word only
    // it holds), so the unit's row is what must appear.
    ['unit description', 'systemd', 'services', () => filter('hostile-unit'), `${UNIT}.service`],
  ];

  it.each(shots)('%s: every screenshot format and the TUI frame hold no control sequence and show the escapes', (_what, host, tab, keys, shown) => {
    const { file, model } = snaps[host];
    const k = keys(model);
    for (const ext of ['ansi', 'txt', 'svg']) {
      const out = join(dir, `${host}-${tab}.${ext}`);
      const r = cosi(['screenshot', '--snapshot', file, '--tab', tab, ...(k.length ? ['--keys', k.join(' ')] : []), '--cols', '160', '--rows', '50', '-o', out]);
      expect(r.status, r.stderr).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(nonSgrEscapes(text), `${ext}`).toEqual([]);
      if (ext !== 'ansi') expect(text, ext).not.toContain('\u001b');
      if (ext === 'txt') expect(text).toContain(shown);
    }
    for (const color of [true, false]) {
      const frame = renderFrame(model, { tab, cols: 160, rows: 50, keys: k }, { color });
      expect(nonSgrEscapes(frame)).toEqual([]);
      expect(frame.replace(/\u001b\[[0-9;]*m/g, '')).toContain(shown);
    }
  });
});

// The real terminal: cosi runs in a tmux pane (tmux interprets OSC 0 as the pane title, as xterm
// does for the window title). The title must not change and the escapes must show as text.
const pane = tmuxPane('cosi-hostile-test');
const tmux = pane.tmux;
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts `cosi ARGS` in a fresh 160x50 pane; returns the pane title before cosi drew anything. */
function startInTmux(args: string[]): string {
  const cmd = ['cd', shq(process.cwd()), '&&', shq(process.execPath), '--import', 'tsx', 'src/cli.ts', ...args.map(shq)].join(' ');
  pane.start(`sleep 1; ${cmd}; sleep 600`, 160, 50);
  return tmux(['display', '-p', '-t', 'cosi', '#{pane_title}']).trim();
}
const screen = pane.screen;
const title = () => tmux(['display', '-p', '-t', 'cosi', '#{pane_title}']).trim();
const waitScreen = pane.waitScreen;
const send = (k: string) => tmux(['send-keys', '-t', 'cosi', ...(/^[A-Z][a-z]+$/.test(k) ? [k] : ['-l', k])]);
/** The pane with its SGR attributes (the list cursor is drawn in inverse video, ESC [ 7 m). */
const screenSgr = () => tmux(['capture-pane', '-p', '-e', '-t', 'cosi']);
async function seen(re: RegExp, ms: number, sgr = false): Promise<boolean> {
  for (let t = 0; t < ms; t += 100) {
    if (re.test(sgr ? screenSgr() : screen())) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
/**
 * Presses `key` until the screen matches `re`, one key at a time. (Keys that reach the TUI in one read
 * while it is busy are dropped by src/tui/live.tsx today, so a key is pressed again when it had no effect.)
 */
async function press(key: string, re: RegExp, sgr = false): Promise<void> {
  for (let i = 0; i < 5; i++) {
    send(key);
    if (await seen(re, 3000, sgr)) return;
  }
  throw new Error(`pressing ${key} never showed ${re}:\n${screen()}`);
}
async function filterFor(word: string): Promise<void> {
  send('/');
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 1; i <= word.length; i++) await press(word[i - 1], new RegExp(`filter: ${word.slice(0, i).replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}`));
  await press('Enter', /j\/k move/);
}

describe('in a real terminal (tmux)', () => {
  beforeAll(() => {
    expect(() => execFileSync('tmux', ['-V']), 'tmux is needed (test/lab/install.sh)').not.toThrow();
  });
  afterAll(() => quiet(() => tmux(['kill-server'])));

  it('the live TUI over --via shows the planted mount escapes as text and the terminal title never changes', async () => {
    const before = startInTmux(['connect', '--via', LAB.rancher.viaCommand, '--refresh', '1']);
    await waitScreen(/● live/);
    await press('3', /grouped by device/);
    await filterFor('cosi-hostile');
    const mounts = await waitScreen(/cosi-hostile-mnt/);
    expect(mounts).toContain('cosi-hostile-mnt\\e]0;pwned\\x07');
    // a few refresh ticks with the escapes on screen
    await new Promise((r) => setTimeout(r, 3000));
    expect(title()).toBe(before);
    send('q');
  });

  it('`cosi open` of a crafted snapshot file leaves the terminal title alone', async () => {
    const file = join(dir, 'crafted.cosi.json');
    writeFileSync(file, JSON.stringify({ format: 'cosi-snapshot', version: 1, target: { kind: 'ssh', label: `node${ESCAPES}` }, takenAt: '2026-11-29T00:00:00.000Z', sections: { meminfo: { text: 'MemTotal: 1024 kB\n', rc: 0, truncated: false, bytes: 18, ms: 1 } } }));
    const before = startInTmux(['open', file]);
    await waitScreen(/snapshot/);
    await new Promise((r) => setTimeout(r, 1000));
    expect(title()).toBe(before);
  });

  it('a --via shell that dies printing escapes leaves the terminal title alone', async () => {
    const before = startInTmux(['connect', '--via', `printf 'boom\\033]0;pwned\\007\\n' >&2; exit 3`]);
    await waitScreen(/boom/);
    await new Promise((r) => setTimeout(r, 1000));
    expect(title()).toBe(before);
  });
});
