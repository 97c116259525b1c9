import { describe, expect, it } from 'vitest';
import { buildEngines } from '../../../src/model/engines.js';
import { redactEnv } from '../../../src/snapshot/redact.js';
import type { RawEngine } from '../../../src/snapshot/types.js';
import { capturedAnswers } from './fake-daemon.js';

describe('redactEnv (snapshots leave the machine without env values)', () => {
  const raw: RawEngine[] = [{ socket: '/var/run/docker.sock', name: 'docker', via: 'api', answers: capturedAnswers('eng') }];

  it('keeps the names, drops the values, the rest unchanged', () => {
    expect(JSON.stringify(raw)).toContain('hunter2');
    const red = redactEnv(raw);
    expect(JSON.stringify(red)).not.toContain('hunter2');
    const [before] = buildEngines(raw, null, []);
    const [after] = buildEngines(red, null, []);
    const web = (e: typeof before) => e.containers.find((c) => c.name === 'web')!;
    expect(web(after).env).toContainEqual({ name: 'SECRET_TOKEN', value: '' });
    expect(web(after).env.map((x) => x.name)).toEqual(web(before).env.map((x) => x.name));
    expect({ ...web(after), env: [] }).toEqual({ ...web(before), env: [] });
    expect(red[0].answers['/containers/json?all=1']).toBe(raw[0].answers['/containers/json?all=1']);
  });

  it('drops an inspect answer it cannot read rather than keep its secrets', () => {
    const red = redactEnv([{ socket: '/s', name: 's', via: 'cli', answers: { '/containers/abc/json': '{"Config":{"Env":["A=secret"' } }]);
    expect(red[0].answers).toEqual({});
  });
});
