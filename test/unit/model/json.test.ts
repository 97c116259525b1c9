import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import { stringifyDeep } from '../../../src/model/json.js';
import { rawFromCapture } from '../../support/raw.js';

describe('stringifyDeep', () => {
  it('writes what JSON.stringify(x, null, 2) writes for a real model', () => {
    const m = buildModel(rawFromCapture('test/fixtures/probe/local-dash.txt'));
    expect(stringifyDeep(m)).toBe(JSON.stringify(m, null, 2));
  });

  it('and for odd values', () => {
    const x = { a: [1, undefined, null, 'x', [], {}, [[]], NaN], b: undefined, c: { d: { e: '\u001b"' } }, f: true, '"k"': -0.5 };
    expect(stringifyDeep(x)).toBe(JSON.stringify(x, null, 2));
  });
});
