/** @jsxRuntime automatic @jsxImportSource react */
import chalk from 'chalk';
import { Box, renderToString, Text } from 'ink';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fit } from '../../../views/present/format.js';
import { windowFor } from '../../../views/present/layout.js';
import { makeView, type ListRow, type ListView, type Tone } from '../../../views/present/list.js';
import { rowText, sharedWidths, Table, TableHead, toneProps } from '../../../views/widgets/Table.js';

// views/widgets/Table.tsx draws its rows as one <Text> of lines it styles itself (styled-line.ts)
// when no row is wider than the table. The frame must be the one Ink draws from a <Text> per row
// (the way it was drawn before, kept below), styles and wide characters included.
function PerRow({ view, cursor, top, height, width }: { view: ListView; cursor: number; top: number; height: number; width: number }) {
  const widths = sharedWidths(view, width);
  const win = windowFor(view.count, cursor, top, height);
  const pos = view.count > height ? ` ${cursor + 1}/${view.count}` : '';
  return (
    <Box flexDirection="column" width={width} height={height + 2}>
      <TableHead view={view} widths={widths} width={width} pos={pos} />
      {view.slice(win.top, win.end).map((r, i) => (
        <Text key={r.key} wrap="truncate-end" inverse={win.top + i === cursor} {...toneProps(r.tone)}>
          {r.span ? fit(r.cells[0]!, width) : rowText(r.cells, view.columns, widths, r.merge)}
        </Text>
      ))}
    </Box>
  );
}

const TONES: Tone[] = ['normal', 'red', 'yellow', 'green', 'dim', 'cyan', 'magenta'];
const NAMES = ['├─ web', '└─ 日本語のコンテナ-with-a-long-name', '▾ docker', '├─  👍 thumbs…', 'plain ascii', 'é accents ü', '│  └─ ｗｉｄｅ'];
const row = (i: number, extra: Partial<ListRow> = {}): ListRow => ({
  key: `r${i}`,
  depth: 0,
  expandable: false,
  expanded: false,
  cells: [NAMES[i % NAMES.length]!, i % 3 ? 'running' : 'exited', `${i * 7}%`, `${i}Mi`, `img:${'x'.repeat(i % 30)}`],
  tone: TONES[i % TONES.length]!,
  ...extra,
});
const rows = Array.from({ length: 30 }, (_, i) => (i === 4 ? row(i, { span: true, cells: ['socket /var/run/docker.sock · root /var/lib/docker · overlay2 on extfs · 日本 · API 1.41 and more'] }) : i === 9 ? row(i, { merge: 2 }) : row(i)));
const view = makeView('2 engine sockets · 30 containers', [
  { title: 'NAME', width: 0 },
  { title: 'STATE', width: 16, grow: true, min: 7 },
  { title: 'CPU', width: 6, align: 'right', drop: 2 },
  { title: 'MEM', width: 8, align: 'right', min: 5 },
  { title: 'IMAGE', width: 24, grow: true, drop: 1 },
], rows, 'no containers');

let level = chalk.level;
beforeEach(() => void ((level = chalk.level), (chalk.level = 3)));
afterEach(() => void (chalk.level = level));

it('draws the rows as one styled <Text> exactly as a <Text> per row draws them', () => {
  for (const [width, cursor, top] of [[100, 3, 0], [100, 17, 6], [61, 29, 20], [140, 0, 0]] as const) {
    const props = { view, cursor, top, height: 12, width };
    const want = renderToString(<PerRow {...props} />, { columns: width });
    expect(renderToString(<Table {...props} />, { columns: width }), `${width} ${cursor}`).toBe(want);
    expect(want).toContain('\x1b[7m');
    expect(want).toContain('日本');
  }
});

it('still draws a <Text> per row when the columns are wider than the table (Ink cuts each row)', () => {
  const wide = makeView('wide columns', [{ title: 'NAME', width: 0 }, { title: 'STATE', width: 20 }, { title: 'CPU', width: 20, align: 'right' }], rows, '');
  const props = { view: wide, cursor: 2, top: 0, height: 12, width: 40 };
  expect(sharedWidths(wide, 40).reduce((a, w) => a + w + 1, -1)).toBeGreaterThan(40);
  const want = renderToString(<PerRow {...props} />, { columns: 40 });
  expect(renderToString(<Table {...props} />, { columns: 40 })).toBe(want);
  expect(want).toContain('…');
});
