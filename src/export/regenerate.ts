/**
 * `npm run screenshots` regenerates screenshots/ and docs/screenshots.md from
 * the bundled demo snapshots, and the README's generated blocks (between
 * `<!-- keys:start -->`/`<!-- keys:end -->`: the key list from the key table;
 * `<!-- screenshots:start -->`/`<!-- screenshots:end -->`: a few pictures).
 * `npm run screenshots -- --check` only compares and exits 1 listing every
 * file that no longer matches what cosi draws.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildModel } from '../model/build.js';
import type { HostModel } from '../model/types.js';
import { demoDir, packageRoot } from '../paths.js';
import { readSnapshotFile } from '../snapshot/file.js';
import { keysMarkdown } from '../keys/readme.js';
import { checkShots, galleryMarkdown, readmeGallery, writeShots } from './demo-shots.js';
import { fillBlocks, markers } from './readme-blocks.js';

const SUFFIX = '.cosi.json';

/** Every bundled demo snapshot, parsed and joined: name -> model. */
export async function loadDemos(dir = demoDir()): Promise<Record<string, HostModel>> {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).sort() : [];
  if (files.length === 0) throw new Error(`no demo snapshots (${dir}/*${SUFFIX}): nothing to draw screenshots from`);
  const demos: Record<string, HostModel> = {};
  for (const f of files) demos[f.slice(0, -SUFFIX.length)] = buildModel(await readSnapshotFile(join(dir, f)));
  return demos;
}

export async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`usage: npm run screenshots [-- --check]   (unknown: ${unknown.join(' ')})\n`);
    return 2;
  }
  const root = packageRoot();
  const shotsDir = join(root, 'screenshots');
  const docPath = join(root, 'docs', 'screenshots.md');
  let demos: Record<string, HostModel>;
  try {
    demos = await loadDemos();
  } catch (err) {
    process.stderr.write(`screenshots: ${(err as Error).message}\n`);
    return 2;
  }
  const doc = galleryMarkdown(demos);
  const readmePath = join(root, 'README.md');
  const readmeNow = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
  const readme = fillBlocks(readmeNow, { keys: keysMarkdown(), screenshots: readmeGallery(demos) });
  const noMarkers = readme.missing.map((b) => {
    const m = markers(b);
    return `README.md: no ${m.start} ... ${m.end} block (add the two lines where the generated ${b} list belongs)`;
  });
  if (argv.includes('--check')) {
    const problems = await checkShots(demos, shotsDir);
    if (!existsSync(docPath) || readFileSync(docPath, 'utf8') !== doc) problems.push('docs/screenshots.md: differs from the generated gallery');
    problems.push(...noMarkers);
    if (readme.text !== readmeNow) problems.push('README.md: a generated block (key list or screenshots) differs');
    if (problems.length > 0) {
      process.stderr.write(
        `screenshots are out of date (run npm run screenshots and commit the result):\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
      );
      return 1;
    }
    process.stdout.write(`screenshots: ${Object.keys(demos).length} demos, all screenshots match\n`);
    return 0;
  }
  const written = await writeShots(demos, shotsDir);
  await writeFile(docPath, doc);
  if (readme.text !== readmeNow) await writeFile(readmePath, readme.text);
  for (const line of noMarkers) process.stderr.write(`screenshots: ${line}\n`);
  const readmeNote = readme.text !== readmeNow ? ', README.md blocks updated' : '';
  process.stdout.write(`screenshots: wrote ${written.length} files into screenshots/ and docs/screenshots.md${readmeNote}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`screenshots: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
