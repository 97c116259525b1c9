import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of src/, views/ and parsers/ read as layers (docs/layers.md).
 * A file may import its own layer or a lower one; the lowest comes first.
 */
const LAYERS: string[][] = [
  ['parsers'],
  ['src/paths.ts', 'src/say.ts'],
  ['src/snapshot'],
  ['src/probe'],
  ['src/logs'],
  ['src/transport'],
  ['src/engines'],
  ['src/model'],
  ['src/store'],
  ['src/keys'],
  ['views/present'],
  ['views/widgets'],
  ['views'],
  ['src/schedule'],
  ['src/export'],
  ['src/tui'],
  ['src/cli', 'src/cli.ts'],
];

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Layer index of a file: its longest matching layer entry (views/present before views). */
export function layerOf(file: string): number {
  let best = -1;
  let bestLen = -1;
  LAYERS.forEach((entries, i) => {
    for (const e of entries) {
      if ((file === e || file.startsWith(`${e}/`)) && e.length > bestLen) {
        best = i;
        bestLen = e.length;
      }
    }
  });
  return best;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Relative imports of one file (static, type-only and dynamic), resolved to repository paths. */
export function importsOf(file: string, text: string, known: Set<string>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    const base = normalize(join(dirname(file), spec)).replace(/\.(js|jsx|ts|tsx)$/, '');
    const hit = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((c) => known.has(c));
    if (hit) out.push(hit);
  }
  return out;
}

/** Strongly connected components with more than one file (or a file importing itself). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** Groups of paths that name one file on a case-insensitive file system once compiled (.ts/.tsx -> .js). */
export function caseClashes(files: string[]): string[][] {
  const by = new Map<string, string[]>();
  for (const f of files) {
    const k = f.replace(/\.(tsx?)$/, '.js').toLowerCase();
    by.set(k, [...(by.get(k) ?? []), f]);
  }
  return [...by.values()].filter((g) => g.length > 1);
}

const files = ['src', 'views', 'parsers'].flatMap(sourceFiles).sort();
const known = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(join(root, f), 'utf8'), known)]));

describe('the import graph of src, views and parsers', () => {
  it('reads enough files and imports to mean something', () => {
    expect(files.length).toBeGreaterThan(100);
    expect([...graph.values()].flat().length).toBeGreaterThan(300);
  });

  it('places every file in a layer', () => {
    expect(files.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('has no upward import', () => {
    const upward: string[] = [];
    for (const [f, deps] of graph) for (const d of deps) if (layerOf(d) > layerOf(f)) upward.push(`${f} -> ${d}`);
    expect(upward).toEqual([]);
  });

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no two file names that differ only by case', () => {
    expect(caseClashes(files)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('see an upward import, a cycle and a case clash', () => {
    const k = new Set(['src/model/a.ts', 'src/model/b.ts', 'views/x.tsx']);
    expect(importsOf('src/model/a.ts', "import type { X } from '../../views/x.js';\nexport { b } from './b.js';\nconst c = await import('./b.js');", k)).toEqual([
      'views/x.tsx',
      'src/model/b.ts',
      'src/model/b.ts',
    ]);
    expect(layerOf('views/x.tsx') > layerOf('src/model/a.ts')).toBe(true);
    expect(layerOf('views/present/rows.ts')).toBe(LAYERS.findIndex((l) => l.includes('views/present')));
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(caseClashes(['views/widgets/chart.ts', 'views/widgets/Chart.tsx', 'views/widgets/Bar.tsx'])).toEqual([['views/widgets/chart.ts', 'views/widgets/Chart.tsx']]);
  });
});
