import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildModel } from '../../../src/model/build.js';
import type { HostModel } from '../../../src/model/types.js';
import { parseSnapshot } from '../../../src/snapshot/file.js';
import { renderFrame } from '../../../views/render-frame.js';
import { hostRootNote } from '../../../views/Header.js';
import { buildWarnings } from '../../../src/model/warnings.js';
import { expectGolden } from './golden.js';

// `--host-root`: the header says where the host's files are and, when the shell has its own PID
// namespace, that /proc and cgroups are the container's; a systemd host whose units the shell
// cannot read says so instead of "no systemd". The CoreOS demo, as a debug container would read it.
const demo = buildModel(parseSnapshot(readFileSync(join(import.meta.dirname, '../../../demo/coreos.cosi.json'), 'utf8'), 'demo'));
const { warnings: _w, ...rest } = {
  ...demo,
  identity: { ...demo.identity, hostRoot: { dir: '/host', pidNamespace: 'own' as const } },
  units: null,
  unitsUnreadable: 'Failed to connect to bus: No such file or directory',
};
const seen: HostModel = { ...rest, warnings: buildWarnings(rest) };

it('the header names the host root, and the PID namespace only when it is not the host’s', () => {
  expect(hostRootNote(undefined)).toBe('');
  expect(hostRootNote({ dir: '/host', pidNamespace: 'host' })).toBe('host files under /host');
  expect(hostRootNote({ dir: '/hots', pidNamespace: 'missing' })).toBe("no /hots in this shell: the host's files are not read");
  expect(hostRootNote({ dir: '/.bottlerocket/rootfs', pidNamespace: 'own' })).toBe("host files under /.bottlerocket/rootfs · own PID namespace: processes and cgroups are the container's");
});

it('services and overview at 140x30: "systemd units not readable from this shell", with systemctl’s message', () => {
  for (const tab of ['services', 'overview'] as const) {
    const frame = renderFrame(seen, { tab, cols: 140, rows: 30 }, { color: false });
    expect(frame).toContain('systemd units not readable from this shell');
    expect(frame).not.toContain('no systemd');
    expectGolden(`host-root-own-pidns-${tab}`, frame);
  }
});
