import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkShots, galleryMarkdown, planShots, readmeGallery, writeShots } from '../../../src/export/demo-shots.js';
import { rancheros } from '../../fixtures/models/rancheros.js';

const demos = { rancheros };

describe('demo screenshots', () => {
  it('plans every tab plus the biggest mount group expanded and a container detail', () => {
    const shots = planShots(demos);
    expect(shots.map((s) => s.name)).toEqual([
      'rancheros-overview',
      'rancheros-services',
      'rancheros-mounts',
      'rancheros-engines',
      'rancheros-memory',
      'rancheros-logs',
      'rancheros-mounts-expanded',
      'rancheros-engines-detail',
    ]);
    const expanded = shots.find((s) => s.name === 'rancheros-mounts-expanded')!;
    expect(expanded.caption).toMatch(/^rancheros: \/dev\/sda1 and its 27 mounts, expanded/);
  });

  it('writes svg, png and txt, and --check finds exactly the files that drifted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-shots-'));
    const written = await writeShots(demos, dir);
    expect(readdirSync(dir).sort()).toEqual([...written].sort());
    expect(written).toHaveLength(24);
    const expandedTxt = readFileSync(join(dir, 'rancheros-mounts-expanded.txt'), 'utf8');
    expect(expandedTxt).toMatch(/▾ \/dev\/sda1/);
    expect(expandedTxt).toMatch(/\/var\/lib\/docker/);
    expect(await checkShots(demos, dir)).toEqual([]);

    appendFileSync(join(dir, 'rancheros-memory.txt'), 'edited by hand\n');
    writeFileSync(join(dir, 'rancheros-overview.svg'), '<svg/>');
    rmSync(join(dir, 'rancheros-engines.png'));
    writeFileSync(join(dir, 'old-tab.svg'), '<svg/>');
    expect(await checkShots(demos, dir)).toEqual([
      'rancheros-overview.svg: differs from what cosi draws now',
      'rancheros-engines.png: missing',
      'rancheros-memory.txt: differs from what cosi draws now',
      'old-tab.svg: no longer produced (delete it)',
    ]);
  }, 120_000);

  it('builds a gallery that links every screenshot', () => {
    const md = galleryMarkdown(demos);
    for (const s of planShots(demos)) expect(md).toContain(`](../screenshots/${s.name}.svg)`);
  });

  it('shows the expanded mounts and the container details in the README block', () => {
    const md = readmeGallery(demos);
    expect(md).toContain('](screenshots/rancheros-mounts-expanded.svg)');
    expect(md).toContain('](screenshots/rancheros-engines-detail.svg)');
    expect(md).toContain('[docs/screenshots.md](docs/screenshots.md)');
  });
});
