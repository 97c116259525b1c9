import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseContainerList, parseInfoJson, parseInspect, parseVersion } from '../../../parsers/docker-api.js';
import { parseAnyContainerList, parseAnyInfo, parseCliPs, parseDockerInfoText } from '../../../parsers/docker-cli-output.js';
import { isClean } from '../../../parsers/sanitize.js';

const parsers = { parseContainerList, parseInfoJson, parseInspect, parseVersion, parseAnyContainerList, parseAnyInfo, parseCliPs, parseDockerInfoText };

/** Every string anywhere in a parsed value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push(k), strings(x, out));
  return out;
}

// Docker-shaped JSON with hostile strings where names, images and labels go.
const hostile = fc.string({ unit: fc.constantFrom('a', '/', ' ', '\u001b', '\u0007', '\u009b', '[', '2', 'J', '=', ',', '"') });
const row = fc.record({
  Id: fc.oneof(hostile, fc.constant('abc')),
  ID: hostile,
  Names: fc.oneof(fc.array(hostile), hostile),
  Name: hostile,
  Image: hostile,
  Command: hostile,
  State: fc.oneof(hostile, fc.record({ Status: hostile, Pid: fc.integer(), Health: fc.record({ Status: hostile }) })),
  Status: hostile,
  Labels: fc.oneof(fc.dictionary(hostile, hostile), hostile),
  Ports: fc.array(fc.record({ IP: hostile, PrivatePort: fc.integer(), PublicPort: fc.integer(), Type: hostile })),
  Config: fc.record({ Env: fc.array(hostile), Labels: fc.dictionary(hostile, hostile), Image: hostile }),
  Mounts: fc.array(fc.record({ Source: hostile, Destination: hostile, Mode: hostile, RW: fc.boolean() })),
  DriverStatus: fc.array(fc.tuple(hostile, hostile)),
  Version: hostile,
  Driver: hostile,
});

describe('docker parsers on hostile input', () => {
  it('never throw on any text', () => {
    fc.assert(
      fc.property(fc.string(), (t) => {
        for (const p of Object.values(parsers)) p(t);
      }),
    );
  });

  it('every string they return is sanitized (no terminal control characters)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(row).map((a) => JSON.stringify(a)), row.map((r) => JSON.stringify(r)), fc.array(row).map((a) => a.map((r) => JSON.stringify(r)).join('\n'))), (t) => {
        for (const p of Object.values(parsers)) {
          const bad = strings(p(t).value).filter((s) => !isClean(s));
          expect(bad).toEqual([]);
        }
      }),
    );
  });
});
