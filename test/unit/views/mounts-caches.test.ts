import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { syntheticK8sNode } from '../../../bench/synthetic.js';
import { buildModel } from '../../../src/model/build.js';
import { renderState } from '../../../views/render-frame.js';
import { keySession, type Step } from './key-session.js';

// What a keypress keeps from the frames before it (rows' lines: views/widgets/row-lines.ts; Ink's
// frame composer caches: views/present/frame-caches.ts; rows taken again by tree.ts) must never
// show: every frame of a session of keys on Mounts equals the frame drawn from scratch for its
// state, from a model built anew (so no row, line or width is taken from an earlier frame).
const SIZE = { mounts: 600, processes: 120, cgroups: 60, containers: 24 };
const raw = syntheticK8sNode(SIZE);
const KEYS = [
  'j', 'enter', 'j', 'j', 'enter', 'pagedown', 'pagedown', 'enter', 'k', 'G', 'enter', 'k', 'k', 'g', 'enter', 'j', 'enter',
  '/', 't', 'm', 'p', 'enter', 'j', 'enter', 'n', 'G', 'escape', 'g',
  '84x30', 'j', 'k', '130x34', 'G', '100x30', 'g',
  'v', 'j', 'pagedown', 'enter', 'j', 'enter', 'G', 'g', '90x26', 'a', 'pagedown', 'enter', 'v', 'a', 'G', 'enter', 'g', 'pageup', 'j', '100x30', 'k',
];

const fresh = (s: Step['state']) => renderState({ ...s, model: buildModel(raw) }, { color: true });

describe('Mounts frames with caches kept from frame to frame', () => {
  it('every frame of a session of keys is the frame drawn from scratch', async () => {
    const steps = await keySession(buildModel(raw), 'mounts', KEYS);
    const changed = new Set(steps.map((s) => s.frame));
    expect(changed.size).toBeGreaterThan(KEYS.length / 2);
    for (const [i, s] of steps.entries()) expect(s.frame, `key ${i} ${s.key}`).toBe(fresh(s.state));
  });

  it('with Ink patched as the bundle patches it (frame caches), the same frames', () => {
    const script = [
      "import { syntheticK8sNode } from './bench/synthetic.js';",
      "import { buildModel } from './src/model/build.js';",
      "import { keySession } from './test/unit/views/key-session.js';",
      `const steps = await keySession(buildModel(syntheticK8sNode(${JSON.stringify(SIZE)})), 'mounts', ${JSON.stringify(KEYS)});`,
      'console.log(JSON.stringify(steps.map((s) => s.frame)));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './bench/narrow-width/register.mjs', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
    expect(r.stderr).toBe('');
    const frames = JSON.parse(r.stdout) as string[];
    expect(frames).toHaveLength(KEYS.length);
    const own = keySession(buildModel(raw), 'mounts', KEYS);
    return own.then((steps) => steps.forEach((s, i) => expect(frames[i], `key ${i} ${s.key}`).toBe(fresh(s.state))));
  }, 60_000);
});
