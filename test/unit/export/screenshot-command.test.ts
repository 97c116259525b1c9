import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScreenshot, screenshotTitle } from '../../../src/export/screenshot-command.js';
import { frameToText } from '../../../src/export/text.js';
import { renderFrame } from '../../../views/render-frame.js';
import { rancheros } from '../../fixtures/models/rancheros.js';
import { textCells } from './_support.js';

const dir = mkdtempSync(join(tmpdir(), 'cosi-cmd-'));
const base = { model: rancheros, keys: [] as string[], cols: 120, rows: 36 };

describe('runScreenshot', () => {
  it('writes the same text as the tab frame the views render', async () => {
    const out = join(dir, 'mounts.txt');
    await runScreenshot({ ...base, tab: 'mounts', out });
    const frame = renderFrame(rancheros, { tab: 'mounts', cols: 120, rows: 36, keys: [] }, { color: false });
    expect(readFileSync(out, 'utf8')).toBe(frameToText(frame) + '\n');
    expect(readFileSync(out, 'utf8')).toContain('/dev/sda1');
  });

  it('applies --keys like the TUI: enter expands the RancherOS /dev/sda1 group', async () => {
    const closed = join(dir, 'closed.txt');
    const open = join(dir, 'open.txt');
    await runScreenshot({ ...base, tab: '3', out: closed });
    await runScreenshot({ ...base, tab: 'Mounts', keys: ['enter'], out: open });
    const lines = (f: string) => readFileSync(f, 'utf8').split('\n');
    const bind = (l: string) => /\s\/(opt|home|var\/lib\/docker)\b/.test(l);
    expect(lines(closed).filter(bind)).toEqual([]);
    expect(lines(open).filter(bind).length).toBeGreaterThanOrEqual(3);
    const viaKeys = renderFrame(rancheros, { tab: 'mounts', cols: 120, rows: 36, keys: ['enter'] }, { color: false });
    expect(readFileSync(open, 'utf8')).toBe(frameToText(viaKeys) + '\n');
  });

  // `--keys '/ sda1 enter'`, as `cosi screenshot --help` shows: the word after `/` is typed into the filter.
  it('types the word after / into the filter', async () => {
    const out = join(dir, 'filtered.txt');
    await runScreenshot({ ...base, tab: 'mounts', keys: ['/', 'sda1', 'enter'], out });
    const typed = renderFrame(rancheros, { tab: 'mounts', cols: 120, rows: 36, keys: ['/', 's', 'd', 'a', '1', 'enter'] }, { color: false });
    expect(readFileSync(out, 'utf8')).toBe(frameToText(typed) + '\n');
    expect(readFileSync(out, 'utf8')).toContain('sda1');
  });

  it('draws the colour frame into the SVG with a title of host, tab and snapshot time', async () => {
    const out = join(dir, 'memory.svg');
    await runScreenshot({ ...base, tab: 'memory', out });
    const svg = readFileSync(out, 'utf8');
    expect(screenshotTitle(rancheros, 'memory')).toBe('rancher · Memory · 2019-12-31 13:47 UTC');
    expect(svg).toContain('>rancher · Memory · 2019-12-31 13:47 UTC</text>');
    const fills = new Set([...textCells(svg).values()].map((c) => c.fill));
    expect(fills.size).toBeGreaterThan(3);
  });

  it('says what is wrong with a request and writes nothing', async () => {
    const out = join(dir, 'bad.svg');
    await expect(runScreenshot({ ...base, tab: 'disks', out })).rejects.toThrow(
      'unknown tab "disks"; tabs: overview, services, mounts, engines, memory, logs (or 1-6)',
    );
    await expect(runScreenshot({ ...base, tab: 'mounts', keys: ['j', 'entr'], out })).rejects.toThrow(/^unknown key name "entr"; key names: .*enter/);
    await expect(runScreenshot({ ...base, tab: 'mounts', out: join(dir, 'x.gif') })).rejects.toThrow('use a file name ending in .svg, .png, .txt, .ansi');
    await expect(runScreenshot({ ...base, cols: 0, tab: 'mounts', out })).rejects.toThrow('columns must be');
    expect(existsSync(out)).toBe(false);
  });
});
