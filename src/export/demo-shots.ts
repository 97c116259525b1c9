import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostModel } from '../model/types.js';
import { initialTabUi } from '../store/store.js';
import { DEFAULT_COLS, DEFAULT_ROWS } from './errors.js';
import { TABS, type TabId } from '../store/types.js';
import { listFor } from '../../views/present/rows.js';
import { renderFrame } from '../../views/render-frame.js';
import { ansiToCells } from './cells.js';
import { svgToPng } from './png.js';
import { screenshotTitle } from './screenshot-command.js';
import { cellsToSvg } from './svg.js';
import { frameToText } from './text.js';
import { writeFile, mkdir } from 'node:fs/promises';

const SHOT_COLS = DEFAULT_COLS;
const SHOT_ROWS = DEFAULT_ROWS;

export interface Shot {
  /** File name without extension, e.g. "rancheros-mounts-expanded". */
  name: string;
  demo: string;
  tab: TabId;
  keys: string[];
  /** One line for docs/screenshots.md. */
  caption: string;
}

/** Keys that move the cursor of a list tab onto the row `key`, then press `last`; null if no such row. */
export function keysToRow(model: HostModel, tab: TabId, rowKey: (key: string) => boolean, last: string): string[] | null {
  const view = listFor(model, tab, initialTabUi());
  const i = view ? view.rows.findIndex((r) => rowKey(r.key)) : -1;
  return i < 0 ? null : [...Array<string>(i).fill('j'), last];
}

/** Keys that move the cursor of a list tab onto the row `key` and press Enter, or null if no such row. */
export function keysToOpen(model: HostModel, tab: TabId, rowKey: (key: string) => boolean): string[] | null {
  return keysToRow(model, tab, rowKey, 'enter');
}

/**
 * The screenshots of the documentation: every tab of every demo, plus the
 * largest grouped mount expanded and the details of the first running container
 * (else the first container) opened, when the demo has them.
 */
export function planShots(demos: Record<string, HostModel>): Shot[] {
  const shots: Shot[] = [];
  for (const [demo, model] of Object.entries(demos).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const tab of TABS) shots.push({ name: `${demo}-${tab}`, demo, tab, keys: [], caption: `${demo}: the ${tab} tab` });
    const group = [...model.mountGroups]
      .filter((g) => !g.pseudo)
      .sort((a, b) => b.members.length - a.members.length || (a.key < b.key ? -1 : 1))[0];
    const mountKeys = group && group.members.length > 1 ? keysToOpen(model, 'mounts', (k) => k === `grp:${group.key}`) : null;
    if (mountKeys) {
      shots.push({
        name: `${demo}-mounts-expanded`,
        demo,
        tab: 'mounts',
        keys: mountKeys,
        caption: `${demo}: ${group.source} and its ${group.members.length} mounts, expanded (keys: ${mountKeys.join(' ')})`,
      });
    }
    // a running container, whose details have figures; else the first one
    const running = new Set(model.engines.flatMap((e) => e.containers.filter((c) => c.state === 'running').map((c) => `ctr:${e.name}/${c.id}`)));
    const ctrKeys = keysToOpen(model, 'engines', (k) => running.has(k)) ?? keysToOpen(model, 'engines', (k) => k.startsWith('ctr:'));
    if (ctrKeys) {
      shots.push({
        name: `${demo}-engines-detail`,
        demo,
        tab: 'engines',
        keys: ctrKeys,
        caption: `${demo}: details of a container (keys: ${ctrKeys.join(' ')})`,
      });
    }
    // the lines the snapshot stored of its first failed unit, opened with L from Services
    const failed = (model.units ?? []).find((u) => u.active === 'failed');
    const logKeys = failed && model.logs?.length ? keysToRow(model, 'services', (k) => k === `unit:${failed.name}`, 'L') : null;
    if (failed && logKeys) {
      shots.push({
        name: `${demo}-logs-unit`,
        demo,
        tab: 'services',
        keys: logKeys,
        caption: `${demo}: the logs of the failed ${failed.name}, stored in the snapshot (Services, cursor on its row, L)`,
      });
    }
  }
  return shots;
}

export interface Rendered {
  svg: string;
  txt: string;
}

export async function renderShot(model: HostModel, shot: Shot): Promise<Rendered> {
  const ansi = renderFrame(model, { tab: shot.tab, cols: SHOT_COLS, rows: SHOT_ROWS, keys: shot.keys }, { color: true });
  const svg = cellsToSvg(await ansiToCells(ansi, SHOT_COLS, SHOT_ROWS), { title: screenshotTitle(model, shot.tab) });
  return { svg, txt: frameToText(ansi) + '\n' };
}

/** Writes `<name>.svg`, `.png` and `.txt` of every shot into `dir`; returns the file names written. */
export async function writeShots(demos: Record<string, HostModel>, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const shot of planShots(demos)) {
    const r = await renderShot(demos[shot.demo], shot);
    await writeFile(join(dir, `${shot.name}.svg`), r.svg);
    await writeFile(join(dir, `${shot.name}.png`), svgToPng(r.svg).png);
    await writeFile(join(dir, `${shot.name}.txt`), r.txt);
    written.push(`${shot.name}.svg`, `${shot.name}.png`, `${shot.name}.txt`);
  }
  return written;
}

/**
 * Re-renders every shot and compares with the files in `dir`. Returns one
 * line per problem: a .svg/.txt that differs or is missing, a missing .png,
 * or a screenshot file no shot produces any more. Empty when all match.
 * PNG bytes are not compared: they depend on the rasterizer build.
 */
export async function checkShots(demos: Record<string, HostModel>, dir: string): Promise<string[]> {
  const problems: string[] = [];
  const expected = new Set<string>();
  for (const shot of planShots(demos)) {
    const r = await renderShot(demos[shot.demo], shot);
    for (const [ext, body] of [
      ['svg', r.svg],
      ['txt', r.txt],
    ] as const) {
      const f = `${shot.name}.${ext}`;
      expected.add(f);
      const path = join(dir, f);
      if (!existsSync(path)) problems.push(`${f}: missing`);
      else if (readFileSync(path, 'utf8') !== body) problems.push(`${f}: differs from what cosi draws now`);
    }
    const png = `${shot.name}.png`;
    expected.add(png);
    if (!existsSync(join(dir, png))) problems.push(`${png}: missing`);
  }
  const present = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(svg|png|txt)$/.test(f)) : [];
  for (const f of present.sort()) if (!expected.has(f)) problems.push(`${f}: no longer produced (delete it)`);
  return problems;
}

/** The Markdown gallery of docs/screenshots.md, image paths relative to docs/. */
export function galleryMarkdown(demos: Record<string, HostModel>): string {
  const lines = [
    '# Screenshots',
    '',
    '<!-- generated by `npm run screenshots` from src/export/demo-shots.ts; `npm run screenshots -- --check` fails when it is out of date -->',
    '',
    '## Taking one',
    '',
    '```',
    'cosi screenshot --demo rancheros --tab mounts -o mounts.svg',
    "cosi screenshot core@10.0.0.5 --tab services --keys 'j j enter' --cols 120 --rows 40 -o svc.png",
    'cosi screenshot --snapshot node.cosi.json --tab memory -o memory.txt',
    '```',
    '',
    '- The source is a host (SSH), `--local`, `--via CMD`, `--snapshot FILE` or `--demo NAME`;',
    '  `--tab` is a tab name or number, `--keys` are key names of the key table applied in order',
    '  (the same reducer as the TUI), `--cols`/`--rows` default to 120x36.',
    '- The extension picks the format: `.svg` (colours incl. 256 and truecolor, bold, dim, inverse,',
    '  underline; every character at its cell, box drawing and bars drawn on the grid, braille as dots;',
    '  a title bar with host, tab and snapshot time), `.png` (the SVG rendered by resvg with the',
    '  DejaVu Sans Mono font files of Debian/Ubuntu `fonts-dejavu-core`, at 2x), `.txt` (plain text)',
    '  and `.ansi` (the frame with SGR colour sequences only: `cat` it in a terminal).',
    '- In the TUI, `s` saves the current screen as SVG and TXT into `--screenshot-dir`',
    '  (default `./cosi-screenshots/`) as `cosi-<tab>-YYYYMMDD-HHMMSS.svg` (UTC).',
    '- Host data cannot inject anything: every host string is sanitized when parsed, the exporters',
    '  keep only SGR sequences of a frame, and SVG text is XML-escaped.',
    '',
    '## The gallery',
    '',
    `Drawn by cosi from the bundled demo snapshots (\`demo/*.cosi.json\`) at ${SHOT_COLS}x${SHOT_ROWS}, with the same`,
    'Ink components as the live TUI. Each picture links its PNG and its plain-text twin.',
    '',
  ];
  for (const shot of planShots(demos)) {
    lines.push(`### ${shot.caption}`, '', `![${shot.caption}](../screenshots/${shot.name}.svg)`, '');
    lines.push(`[PNG](../screenshots/${shot.name}.png) · [text](../screenshots/${shot.name}.txt)`, '');
  }
  return lines.join('\n');
}

/** The pictures the README shows, in order, when the plan has them. */
const README_PICKS = [
  ['rancheros-mounts-expanded'],
  ['coreos-services'],
  ['coreos-logs-unit'],
  ['rancheros-engines-detail', 'rancheros-engines'],
  ['rancheros-memory'],
];

/** The README's screenshot block: a few pictures and a link to the full gallery. */
export function readmeGallery(demos: Record<string, HostModel>): string {
  const plan = planShots(demos);
  const lines: string[] = [];
  for (const choices of README_PICKS) {
    const shot = choices.map((c) => plan.find((s) => s.name === c)).find(Boolean);
    if (shot) lines.push(`![${shot.caption}](screenshots/${shot.name}.svg)`, '');
  }
  lines.push(
    'Every tab of every bundled demo is in [docs/screenshots.md](docs/screenshots.md); all of them are drawn by',
    '`npm run screenshots` and checked by `npm run screenshots -- --check`.',
  );
  return lines.join('\n');
}
