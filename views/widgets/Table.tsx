import { Box, Text } from 'ink';
import { columns, fit } from '../present/format.js';
import { columnNeeds, type Column, type ListRow, type ListView, type Tone } from '../present/list.js';
import { windowFor } from '../present/layout.js';
import { rowLine } from './row-lines.js';
import { styledLine } from './styled-line.js';

export function toneProps(tone: Tone | undefined): { color?: string; dimColor?: boolean } {
  switch (tone) {
    case 'red':
      return { color: 'red' };
    case 'yellow':
      return { color: 'yellow' };
    case 'green':
      return { color: 'green' };
    case 'cyan':
      return { color: 'cyan' };
    case 'magenta':
      return { color: 'magenta' };
    case 'dim':
      return { dimColor: true };
    default:
      return {};
  }
}

/** The flexible column keeps at least this much; shrinkable columns give way first. */
const FLEX_MIN = 22;
/** Columns that may go (`drop`) are left out while the flexible column has less than this. */
const FLEX_WANT = 30;

/**
 * Resolves the flexible column (width 0) to what is left of the line, shrinking columns that allow it
 * on narrow terminals, then leaving out columns that may go (`drop`, lowest first). A column left
 * out has width -1.
 */
export function columnWidths(columns: Column[], width: number): number[] {
  const ws = columns.map((c) => c.width);
  const fixed = () => ws.reduce((a, w) => a + Math.max(0, w), 0) + (ws.filter((w) => w >= 0).length - 1);
  let deficit = FLEX_MIN - (width - fixed());
  while (deficit > 0) {
    let best = -1;
    columns.forEach((c, i) => {
      if (c.width !== 0 && c.min !== undefined && ws[i] > c.min && (best < 0 || ws[i] - c.min! > ws[best] - columns[best].min!)) best = i;
    });
    if (best < 0) break;
    ws[best]--;
    deficit--;
  }
  const droppable = columns.map((c, i) => i).filter((i) => columns[i].drop !== undefined).sort((a, b) => columns[a].drop! - columns[b].drop!);
  deficit += FLEX_WANT - FLEX_MIN;
  for (const i of droppable) {
    if (deficit <= 0) break;
    deficit -= ws[i] + 1;
    ws[i] = -1;
  }
  const rest = Math.max(8, width - fixed());
  return columns.map((c, i) => (c.width === 0 ? rest : ws[i]));
}

/**
 * Widths by need: `grow` columns shrink to their longest cell (not below `min`), the
 * flexible column keeps what it needs, and the rest goes, a column at a time, to the
 * `grow` columns whose cells are cut.
 */
export function sharedWidths(view: ListView, width: number): number[] {
  const ws = columnWidths(view.columns, width);
  const flex = view.columns.findIndex((c) => c.width === 0);
  if (flex < 0 || !view.columns.some((c) => c.grow)) return ws;
  const need = columnNeeds(view);
  // a grow column gives back what its cells do not use (STATE holding "running" needs 7 of 16)
  view.columns.forEach((c, i) => {
    if (!c.grow || ws[i] < 0) return;
    const w = Math.max(c.min ?? ws[i], Math.min(ws[i], need[i]));
    ws[flex] += ws[i] - w;
    ws[i] = w;
  });
  let spare = ws[flex] - Math.max(need[flex], 8);
  while (spare > 0) {
    let best = -1;
    view.columns.forEach((c, i) => {
      if (c.grow && ws[i] >= 0 && need[i] > ws[i] && (best < 0 || need[i] - ws[i] > need[best] - ws[best])) best = i;
    });
    if (best < 0) break;
    ws[best]++;
    ws[flex]--;
    spare--;
  }
  return ws;
}

/** A row's cells fitted to the column widths (left-out columns: -1) and joined; the first cell spans the columns up to `merge`. */
export function rowText(cells: string[], columns: Column[], widths: number[], merge = 0): string {
  // one pass, no array per row: a new sort draws a screenful of rows never drawn before
  let first = -1;
  for (let i = 0; i <= merge && i < widths.length; i++) if (widths[i] >= 0) first += widths[i] + 1;
  let line = fit(cells[0] ?? '', first, columns[0].align);
  for (let i = merge + 1; i < columns.length; i++) if (widths[i] >= 0) line += ' ' + fit(cells[i] ?? '', widths[i], columns[i].align);
  return line;
}

/** Rows of these column widths are at most `width` columns: each cell is fitted to its width. */
function fits(widths: number[], width: number): boolean {
  const shown = widths.filter((w) => w >= 0);
  return shown.reduce((a, w) => a + w, 0) + shown.length - 1 <= width;
}

interface Props {
  view: ListView;
  cursor: number;
  top: number;
  height: number;
  width: number;
}

/** The title line (`pos`: the cursor's position, at its end) and the column headings. */
export function TableHead({ view, widths, width, pos }: { view: ListView; widths: number[]; width: number; pos: string }) {
  return (
    <>
      <Text wrap="truncate-end" bold>
        {fit(view.title, width - pos.length) + pos}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {rowText(view.columns.map((c) => c.title), view.columns, widths)}
      </Text>
    </>
  );
}

/** A list with virtual scrolling: only the visible window of rows is rendered. */
export function Table({ view, cursor, top, height, width }: Props) {
  const widths = sharedWidths(view, width);
  const win = windowFor(view.count, cursor, top, height);
  const visible: ListRow[] = view.slice(win.top, win.end);
  const pos = view.count > height ? ` ${cursor + 1}/${view.count}` : '';
  const kept = (r: ListRow) => rowLine(r, view.columns, widths, width, () => (r.span ? fit(r.cells[0], width) : rowText(r.cells, view.columns, widths, r.merge)));
  const line = (r: ListRow) => kept(r).text;
  const styled = (r: ListRow, selected: boolean) => {
    const l = kept(r);
    return selected ? styledLine(l.text, r.tone, true) : (l.styled ??= styledLine(l.text, r.tone, false));
  };
  return (
    <Box flexDirection="column" width={width} height={height + 2}>
      <TableHead view={view} widths={widths} width={width} pos={pos} />
      {visible.length === 0 ? (
        <Text dimColor>{fit(view.empty, width)}</Text>
      ) : fits(widths, width) ? (
        // every row is at most `width` wide (nothing for Ink to cut): the rows as one <Text>
        <Text wrap="truncate-end">{visible.map((r, i) => styled(r, win.top + i === cursor)).join('\n')}</Text>
      ) : (
        visible.map((r, i) => {
          const selected = win.top + i === cursor;
          return (
            <Text key={r.key} wrap="truncate-end" inverse={selected} {...toneProps(r.tone)}>
              {line(r)}
            </Text>
          );
        })
      )}
    </Box>
  );
}
