import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { sgrOnly } from './ansi.js';
import { ansiToCells } from './cells.js';
import { checkSize, ScreenshotError } from './errors.js';
import { svgToPng } from './png.js';
import { cellsToSvg } from './svg.js';
import { frameToText } from './text.js';

/** One rendered terminal frame (Ink renderToString output with colours). */
export interface Frame {
  ansi: string;
  cols: number;
  rows: number;
  /** Title bar text: host and time, composed by the caller. */
  title: string;
}

export const FORMATS = ['.svg', '.png', '.txt', '.ansi'] as const;
export type Format = (typeof FORMATS)[number];

/** The format a path asks for, or a ScreenshotError naming the ones we know. */
export function formatOf(path: string): Format {
  const ext = extname(path).toLowerCase();
  if ((FORMATS as readonly string[]).includes(ext)) return ext as Format;
  throw new ScreenshotError(
    `cannot tell the screenshot format of "${path}": use a file name ending in ${FORMATS.join(', ')}`,
  );
}

/** The file bytes of a frame in one format. */
export async function renderScreenshot(format: Format, frame: Frame): Promise<Buffer> {
  checkSize(frame.cols, frame.rows);
  switch (format) {
    case '.txt':
      return Buffer.from(frameToText(frame.ansi) + '\n', 'utf8');
    case '.ansi': {
      const ansi = sgrOnly(frame.ansi).replace(/\n+$/, '');
      // Leave the reader's terminal in its default style.
      return Buffer.from(ansi + '\x1b[0m\n', 'utf8');
    }
    case '.svg':
    case '.png': {
      const svg = cellsToSvg(await ansiToCells(frame.ansi, frame.cols, frame.rows), { title: frame.title });
      return format === '.svg' ? Buffer.from(svg, 'utf8') : svgToPng(svg).png;
    }
  }
}

/** Writes a frame to `path` in the format its extension names (.svg .png .txt .ansi), creating directories. */
export async function writeScreenshot(path: string, frame: Frame): Promise<void> {
  const format = formatOf(path);
  const bytes = await renderScreenshot(format, frame);
  await writeOrExplain(path, bytes);
}

async function writeOrExplain(path: string, bytes: Buffer): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ScreenshotError(`cannot write screenshot ${path}: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' '));
  }
}

/** A TUI frame plus the moment it was saved (passed in: the TUI's clock, not ours). */
export interface TuiFrame extends Frame {
  at: Date;
  /** Tab name, part of the file name when given. */
  tab?: string;
}

/** `cosi-20261129-004621` (UTC) for a date. */
export function stampOf(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new ScreenshotError('screenshot time is not a valid date');
  return at
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}

/**
 * The TUI's `s` key: saves the frame as SVG and TXT into `dir` under a
 * timestamped name (`cosi-<tab>-YYYYMMDD-HHMMSS.svg`, UTC; `-2`, `-3`... when
 * that name is taken) and returns both paths for the flash line.
 */
export async function saveTuiScreenshot(dir: string, frame: TuiFrame): Promise<{ svg: string; txt: string }> {
  const tab = frame.tab ? '-' + frame.tab.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : '';
  const base = `cosi${tab === '-' ? '' : tab}-${stampOf(frame.at)}`;
  let name = base;
  for (let i = 2; existsSync(join(dir, name + '.svg')) || existsSync(join(dir, name + '.txt')); i++) name = `${base}-${i}`;
  const paths = { svg: join(dir, name + '.svg'), txt: join(dir, name + '.txt') };
  await writeScreenshot(paths.svg, frame);
  await writeScreenshot(paths.txt, frame);
  return paths;
}
