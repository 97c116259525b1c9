import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveTuiScreenshot, writeScreenshot } from '../../../src/export/write.js';

const frame = { ansi: '\x1b[32mok\x1b[0m  \nline 2', cols: 20, rows: 3, title: 'host · now' };

describe('writeScreenshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosi-shot-'));

  it('picks the format from the extension and creates directories', async () => {
    for (const ext of ['svg', 'png', 'txt', 'ansi', 'SVG']) await writeScreenshot(join(dir, 'a/b', `s.${ext}`), frame);
    expect(readdirSync(join(dir, 'a/b')).sort()).toEqual(['s.SVG', 's.ansi', 's.png', 's.svg', 's.txt']);
    expect(readFileSync(join(dir, 'a/b/s.txt'), 'utf8')).toBe('ok\nline 2\n');
    expect(readFileSync(join(dir, 'a/b/s.ansi'), 'utf8')).toBe('\x1b[32mok\x1b[0m  \nline 2\x1b[0m\n');
    expect(readFileSync(join(dir, 'a/b/s.svg'), 'utf8')).toMatch(/^<svg [^>]*>/);
    expect(readFileSync(join(dir, 'a/b/s.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses an unknown extension with a clear message', async () => {
    await expect(writeScreenshot(join(dir, 'x.jpg'), frame)).rejects.toThrow(
      'cannot tell the screenshot format of "' + join(dir, 'x.jpg') + '": use a file name ending in .svg, .png, .txt, .ansi',
    );
    await expect(writeScreenshot(join(dir, 'noext'), frame)).rejects.toThrow('cannot tell the screenshot format');
  });

  it('explains a path it cannot write', async () => {
    await expect(writeScreenshot(join(dir, 'a/b/s.txt/inner.txt'), frame)).rejects.toThrow(/^cannot write screenshot .*inner\.txt: E/);
  });
});

describe('saveTuiScreenshot', () => {
  it('writes SVG and TXT with a UTC timestamped name and never overwrites', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cosi-tui-')), 'cosi-screenshots');
    const at = new Date('2026-11-29T00:46:21.512Z');
    const first = await saveTuiScreenshot(dir, { ...frame, at, tab: 'Mounts' });
    expect(first).toEqual({
      svg: join(dir, 'cosi-mounts-20261129-004621.svg'),
      txt: join(dir, 'cosi-mounts-20261129-004621.txt'),
    });
    const second = await saveTuiScreenshot(dir, { ...frame, at, tab: 'Mounts' });
    expect(second.svg).toBe(join(dir, 'cosi-mounts-20261129-004621-2.svg'));
    const untabbed = await saveTuiScreenshot(dir, { ...frame, at });
    expect(untabbed.txt).toBe(join(dir, 'cosi-20261129-004621.txt'));
    expect(readFileSync(first.txt, 'utf8')).toBe('ok\nline 2\n');
    expect(readdirSync(dir)).toHaveLength(6);
  });
});
