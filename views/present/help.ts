import { CONTEXT_ORDER, CONTEXT_TITLES, KEY_TABLE, keyLabel } from '../../src/keys/table.js';
import { fit } from './format.js';

export interface HelpLine {
  text: string;
  heading: boolean;
}

const KEYS_W = 12;
/** Blank columns between the two columns of the wide layout. */
const GAP = 2;

/** The `?` overlay's lines, generated from the key table. */
export function helpLines(): HelpLine[] {
  const out: HelpLine[] = [];
  for (const ctx of CONTEXT_ORDER) {
    out.push({ text: CONTEXT_TITLES[ctx], heading: true });
    for (const b of KEY_TABLE.filter((e) => e.context === ctx)) out.push({ text: `  ${fit(b.keys.map(keyLabel).join(' '), KEYS_W)} ${b.help}`, heading: false });
  }
  return out;
}

export interface HelpLayout {
  /** One or two columns of lines, already scrolled to `top`. */
  columns: HelpLine[][];
  colWidth: number;
  top: number;
  /** Largest useful `top` (0: everything fits). */
  maxTop: number;
  /** Lines per column. */
  height: number;
  total: number;
}

/**
 * Two columns only when both fit whole lines side by side; otherwise one column
 * that scrolls (j/k, PgDn, Ctrl-D...) so nothing is cut or run together.
 */
export function helpLayout(width: number, bodyHeight: number, top: number): HelpLayout {
  const lines = helpLines();
  const height = Math.max(1, bodyHeight - 1);
  const longest = Math.max(...lines.map((l) => Array.from(l.text).length));
  const two = lines.length > height && width >= 2 * longest + GAP;
  const perCol = two ? Math.ceil(lines.length / 2) : lines.length;
  const maxTop = Math.max(0, perCol - height);
  const t = Math.max(0, Math.min(top, maxTop));
  const cols = two ? [lines.slice(0, perCol), lines.slice(perCol)] : [lines];
  return {
    columns: cols.map((c) => c.slice(t, t + height)),
    colWidth: two ? Math.floor((width - GAP) / 2) : width,
    top: t,
    maxTop,
    height,
    total: perCol,
  };
}
