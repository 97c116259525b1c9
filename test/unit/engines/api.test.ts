import { afterEach, describe, expect, it } from 'vitest';
import { apiGet } from '../../../src/engines/api.js';
import { capturedAnswers, connectUnix, startFakeDaemon, type FakeDaemon } from './fake-daemon.js';

let fake: FakeDaemon | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('Docker Engine API client over any stream', () => {
  it('GETs real answers over a unix socket stream', async () => {
    fake = await startFakeDaemon(capturedAnswers('eng'));
    const s = fake.socket;
    const v = await apiGet(() => connectUnix(s), '/version');
    expect(JSON.parse(v).ApiVersion).toBe('1.41');
    const list = await apiGet(() => connectUnix(s), '/containers/json?all=1');
    expect((JSON.parse(list) as unknown[]).length).toBe(5);
    expect(fake.requests).toEqual(['/version', '/containers/json?all=1']);
  });

  it('an error status carries the daemon message', async () => {
    fake = await startFakeDaemon({ '/containers/abc/json': { status: 404, body: '{"message":"No such container: abc"}' } });
    const s = fake.socket;
    await expect(apiGet(() => connectUnix(s), '/containers/abc/json')).rejects.toThrow('/containers/abc/json: HTTP 404: No such container: abc');
  });

  it('gives up after the timeout when the daemon never answers', async () => {
    fake = await startFakeDaemon({ '/version': 'hang' });
    const s = fake.socket;
    await expect(apiGet(() => connectUnix(s), '/version', { timeoutMs: 200, maxBytes: 1000 })).rejects.toThrow('no answer to /version within 200 ms');
  });

  it('abandons an answer larger than the byte cap', async () => {
    fake = await startFakeDaemon({ '/info': 'x'.repeat(50_000) });
    const s = fake.socket;
    await expect(apiGet(() => connectUnix(s), '/info', { timeoutMs: 5000, maxBytes: 10_000 })).rejects.toThrow('answer to /info is larger than 10000 bytes');
  });

  it('a socket that is gone or refuses rejects with the system reason', async () => {
    await expect(apiGet(() => connectUnix('/nonexistent/cosi.sock'), '/version')).rejects.toThrow(/ENOENT/);
    await expect(apiGet(() => Promise.reject(new Error('(SSH) Channel open failure: open failed')), '/version')).rejects.toThrow(/open failed/);
  });
});
