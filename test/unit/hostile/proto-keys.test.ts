import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliPs } from '../../../parsers/docker-cli-output.js';
import { buildModel } from '../../../src/model/build.js';
import { modelJson } from '../../../src/model/json.js';
import { containerDetail } from '../../../views/present/engines.js';
import { cosi } from '../../support/cli.js';
import { rawSnapshot } from '../../support/raw.js';
import { capturedAnswers } from '../engines/fake-daemon.js';

// Labels are host data keyed by host strings: `__proto__`, `constructor` and `toString` are
// ordinary label names and must survive (written into a plain object, `__proto__` vanished).
const HOSTILE = '{"__proto__":"evil","constructor":"c","toString":"t","owner":"ops"}';
const WEB = '93c30aba3990';
const answers = capturedAnswers('eng');
for (const [path, text] of Object.entries(answers)) {
  // The web container's labels, in the list and in its inspect answer.
  answers[path] = text.replace('{"com.example.role":"frontend","owner":"ops"}', HOSTILE).replace(/"Labels":\s*\{\s*"com\.example\.role":\s*"frontend",\s*"owner":\s*"ops"\s*\}/, `"Labels":${HOSTILE}`);
}
const raw = rawSnapshot('proto', { engines: [{ socket: '/var/run/docker.sock', name: 'docker', via: 'api', answers }] });

describe('a Docker label named __proto__', () => {
  it('the fixture really carries the hostile labels (the check itself)', () => {
    expect(Object.values(answers).filter((t) => t.includes(HOSTILE))).toHaveLength(2);
  });

  it('survives into the model and --json, next to constructor and toString', () => {
    const web = buildModel(raw).engines.flatMap((e) => e.containers).find((c) => c.id.startsWith(WEB));
    expect(web).toBeDefined();
    expect(Object.keys(web!.labels).sort()).toEqual(['__proto__', 'constructor', 'owner', 'toString']);
    expect(JSON.parse(modelJson(buildModel(raw))).engines[0].containers.find((c: { id: string }) => c.id.startsWith(WEB)).labels).toEqual(JSON.parse(HOSTILE));
    expect(modelJson(buildModel(raw))).toContain('"__proto__": "evil"');
  });

  it('`cosi open FILE --json` prints it, and the container detail lists it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosi-proto-'));
    const file = join(dir, 'proto.cosi.json');
    writeFileSync(file, JSON.stringify(raw));
    const r = cosi(['open', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('"__proto__": "evil"');
    const model = buildModel(raw);
    const engine = model.engines[0];
    const web = engine.containers.find((c) => c.id.startsWith(WEB))!;
    expect(containerDetail(engine, web, false).map((l) => l.value)).toEqual(expect.arrayContaining(['4', '__proto__=evil', 'constructor=c', 'toString=t', 'owner=ops']));
  });

  it('survives the docker CLI list too (`docker ps --format json` labels)', () => {
    const line = JSON.stringify({ ID: 'a'.repeat(64), Names: 'x', Image: 'i', Labels: '__proto__=evil,constructor=c,owner=ops', State: 'running', Status: 'Up' });
    const c = parseCliPs(line).value[0];
    expect(Object.keys(c.labels).sort()).toEqual(['__proto__', 'constructor', 'owner']);
    expect(c.labels.__proto__).toBe('evil');
  });
});
