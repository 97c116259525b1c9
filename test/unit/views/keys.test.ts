import { describe, expect, it } from 'vitest';
import { KEY_TABLE, type ActionId } from '../../../src/keys/table.js';
import { applyKey } from '../../../views/key-reducer.js';
import { frameState } from '../../../views/render-frame.js';
import { rancheros } from '../../fixtures/models/rancheros.js';
import { coreos } from '../../fixtures/models/coreos.js';
import { cursorLine, frame, plain, strip } from './helpers.js';
import { DOCKER, logsState } from './logs-state.js';
import { renderState } from '../../../views/render-frame.js';

const R = (tab: 'overview' | 'services' | 'mounts' | 'engines' | 'memory', keys: string[], model = rancheros) => ({ model, ui: { tab, cols: 100, rows: 30, keys } });

/** One scenario per action: pressing each of its keys changes what the user sees. */
const scenarios: Record<ActionId, (key: string) => void> = {
  tab: (key) => {
    const expected = { '1': 'Warnings', '2': 'cgroup tree', '3': 'grouped by device', '4': 'engine sockets', '5': 'buff/cache', '6': 'No logs open' }[key]!;
    expect(plain(rancheros, { tab: 'overview', cols: 100, rows: 30, keys: [key] })).toContain(expected);
  },
  'next-tab': (key) => {
    expect(plain(rancheros, { tab: 'memory', cols: 100, rows: 30, keys: [key] })).toContain('No logs open');
    expect(plain(rancheros, { tab: 'logs', cols: 100, rows: 30, keys: [key] })).toContain('Warnings (');
  },
  'prev-tab': (key) => {
    expect(plain(rancheros, { tab: 'overview', cols: 100, rows: 30, keys: [key] })).toContain('No logs open');
    expect(plain(rancheros, { tab: 'logs', cols: 100, rows: 30, keys: [key] })).toContain('buff/cache');
  },
  down: (key) => expect(cursorLine(frame(coreos, { tab: 'services', cols: 100, rows: 30, keys: [key] }))).toMatch(/^├─▾ init\.scope/),
  up: (key) => expect(cursorLine(frame(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['j', 'j', key] }))).toMatch(/init\.scope/),
  'page-down': (key) => {
    const f = frame(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['enter', key] });
    expect(cursorLine(f)).toMatch(/^├─ {2}\/var\/lib\/rancher /);
    expect(f).toContain('24/33');
  },
  'page-up': (key) => expect(frame(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['enter', 'G', key] })).toContain('10/33'),
  'half-down': (key) => {
    // lists and the help overlay move by half a page (container details too, when they are longer than the screen)
    expect(frame(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['enter', key] })).toContain('12/33');
    expect(plain(coreos, { tab: 'overview', cols: 80, rows: 24, keys: ['?', key] })).toContain('lines 9-26 of');
  },
  'half-up': (key) => {
    expect(frame(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['enter', 'G', key] })).toContain('22/33');
    expect(plain(coreos, { tab: 'overview', cols: 80, rows: 24, keys: ['?', 'ctrl-d', 'ctrl-d', key] })).toContain('lines 9-26 of');
  },
  'next-match': (key) => {
    const f = frame(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['/', ...'su', 'enter', key] });
    expect(cursorLine(f)).toMatch(/^├─ +762 su /);
    expect(cursorLine(frame(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['/', ...'su', 'enter', key, key] }))).toMatch(/770 su core/);
    expect(plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: [key] })).toContain('no filter: / sets one');
  },
  'prev-match': (key) => {
    expect(cursorLine(frame(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['/', ...'su', 'enter', 'n', 'n', key] }))).toMatch(/762 su /);
  },
  'problems-only': (key) => {
    const f = plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: [key] });
    expect(f).toContain('failed / not running only (f)');
    expect(f).not.toContain('init.scope');
    const e = plain(rancheros, { tab: 'engines', cols: 100, rows: 30, keys: [key] });
    expect(e).toMatch(/subscriber +exited/);
    expect(e).not.toContain('nginx');
    expect(plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: [key, key] })).toContain('init.scope');
  },
  'go-to-warning': (key) => {
    const f = frame(coreos, { tab: 'overview', cols: 100, rows: 30, keys: ['j', key] });
    expect(plain(coreos, { tab: 'overview', cols: 100, rows: 30, keys: ['j', key] })).toContain('grouped by device');
    expect(cursorLine(f)).toMatch(/^└─ +\/usr +ro/);
  },
  top: (key) => expect(cursorLine(frame(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['j', 'j', key] }))).toMatch(/^▸ \/dev\/sda1/),
  bottom: (key) => expect(cursorLine(frame(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [key] }))).toMatch(/^▸ tmpfs +tmpfs .*\/dev and 1 bind mount/),
  toggle: (key) => {
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [] })).not.toContain('/var/lib/kubelet');
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [key] })).toContain('/var/lib/kubelet');
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [key, key] })).not.toContain('/var/lib/kubelet');
  },
  expand: (key) => expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [key] })).toContain('/var/lib/kubelet'),
  collapse: (key) => {
    // on a child: jumps to its parent; on an open parent: closes it
    const onChild = frame(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['right', 'j', 'j', key] });
    expect(cursorLine(onChild)).toMatch(/^▾ \/dev\/sda1/);
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['right', 'j', 'j', key, key] })).not.toContain('/var/lib/kubelet');
  },
  filter: (key) => {
    const f = plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [key, ...'kubelet'] });
    expect(f).toContain('/kubelet');
    expect(f).toContain('└─  /var/lib/kubelet');
    expect(f).not.toContain('/etc/docker');
    expect(f).not.toContain('overlay');
  },
  'clear-filter': (key) => {
    const f = plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/', ...'kubelet', 'enter', key] });
    expect(f).toContain('overlay');
    expect(f).not.toContain('filter: kubelet');
  },
  'filter-accept': (key) => {
    const f = plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/', ...'kubelet', key, 'v'] });
    expect(f).toContain('tree (like findmnt)');
  },
  'filter-cancel': (key) => {
    const f = plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/', ...'kubelet', key] });
    expect(f).toContain('overlay');
    expect(f).toContain('v view');
  },
  'filter-backspace': (key) => {
    const f = plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/', ...'shmx', key] });
    expect(f).toContain('/shm ');
    expect(f).toContain('/dev/shm and 2 bind mounts');
  },
  'toggle-view': (key) => {
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [key] })).toContain('tree (like findmnt)');
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [key, key] })).toContain('grouped by device');
  },
  'toggle-top': (key) => {
    const top = plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: [key] });
    expect(top).toContain('top view (v: tree)');
    expect(top).toMatch(/\n {2}\/system\.slice\/systemd-journald\.service +active\/running/);
    expect(plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: [key, key] })).toContain('cgroup tree');
  },
  'sort-next': (key) => {
    expect(plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: [key] })).toContain('sorted by CPU ↓');
    expect(plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: [key, key] })).toContain('sorted by memory ↓');
    expect(plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: Array(7).fill(key) })).not.toContain('sorted by');
    expect(plain(rancheros, { tab: 'engines', cols: 100, rows: 30, keys: [key] })).toContain('sorted by CPU ↓');
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [key] })).toContain('sorted by size ↓');
    expect(plain(rancheros, { tab: 'memory', cols: 100, rows: 30, keys: [key] })).toContain('sorted by name ↑');
  },
  'sort-reverse': (key) => {
    expect(plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: [key] })).toContain('sorted by name ↓');
    expect(plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['o', key] })).toContain('sorted by CPU ↑');
    expect(plain(rancheros, { tab: 'memory', cols: 100, rows: 30, keys: [key] })).toContain('sorted by memory ↑');
  },
  'toggle-all': (key) => {
    expect(plain(coreos, { tab: 'mounts', cols: 100, rows: 30, keys: [] })).not.toContain('sysfs');
    expect(plain(coreos, { tab: 'mounts', cols: 100, rows: 30, keys: [key] })).toContain('sysfs');
  },
  'toggle-host': (key) => {
    const withHost = { ...rancheros, hostMounts: coreos.mounts };
    expect(plain(withHost, { tab: 'mounts', cols: 100, rows: 30, keys: [] })).toContain("this shell's mounts (H: PID 1's)");
    const f = plain(withHost, { tab: 'mounts', cols: 100, rows: 30, keys: [key] });
    expect(f).toContain("PID 1's mounts (H: ours)");
    expect(f).toContain('/dev/mapper/usr');
    expect(f).not.toContain('/mnt and 26 bind mounts');
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: [key] })).toContain('PID 1 sees the same mounts as this shell');
  },
  'close-detail': (key) => {
    expect(plain(rancheros, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'enter'] })).toContain('Container details');
    expect(plain(rancheros, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'enter', key] })).toContain('engine sockets');
  },
  'reveal-env': (key) => {
    expect(plain(rancheros, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'enter'] })).not.toContain('s3cr3t');
    expect(plain(rancheros, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j', 'enter', key] })).toContain('API_TOKEN=s3cr3t');
  },
  // The Logs tab's keys: test/unit/views/logs.test.ts tells each one's behaviour in full.
  'open-logs': (key) => {
    const s = applyKey(frameState(rancheros, { tab: 'engines', cols: 100, rows: 30, keys: ['j', 'j'] }), key);
    expect(s.effect).toBe('logs');
    expect(strip(renderState(s.state, { color: false }))).toContain('Logs · container web (docker)');
  },
  'logs-back': (key) => expect(strip(renderState(applyKey(logsState(DOCKER), key).state, { color: false }))).toContain('cgroup tree'),
  follow: (key) => expect(strip(renderState(applyKey(logsState(DOCKER), key).state, { color: false }))).toContain('· following'),
  wrap: (key) => expect(strip(renderState(applyKey(logsState(DOCKER), key).state, { color: false }))).toMatch(/\nx{100}\n/),
  timestamps: (key) => expect(strip(renderState(applyKey(logsState(DOCKER), key).state, { color: false }))).toContain('\nerr one'),
  help: (key) => expect(plain(rancheros, { tab: 'overview', cols: 100, rows: 30, keys: [key] })).toContain('Keys (? or Esc closes)'),
  'close-help': (key) => expect(plain(rancheros, { tab: 'overview', cols: 100, rows: 30, keys: ['?', key] })).toContain('Warnings ('),
  pause: (key) => expect(applyKey(frameState(rancheros, { tab: 'overview', cols: 100, rows: 30 }), key).effect).toBe('pause'),
  refresh: (key) => expect(applyKey(frameState(rancheros, { tab: 'services', cols: 100, rows: 30 }), key).effect).toBe('refresh'),
  screenshot: (key) => expect(applyKey(frameState(rancheros, { tab: 'mounts', cols: 100, rows: 30 }), key).effect).toBe('screenshot'),
  quit: (key) => expect(applyKey(frameState(rancheros, { tab: 'engines', cols: 100, rows: 30 }), key).effect).toBe('quit'),
};

describe('every key in the key table', () => {
  for (const b of KEY_TABLE) {
    for (const key of b.keys) {
      it(`${key} (${b.context}): ${b.help}`, () => scenarios[b.action](key));
    }
  }
});

describe('keys and modes', () => {
  it('while the filter prompt is open, letters are text, not commands', () => {
    const f = plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/', 'q', 'v', 'a'] });
    expect(f).toContain('/qva');
    expect(f).toContain('grouped by device');
    expect(applyKey(frameState(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/'] }), 'q').effect).toBeNull();
    expect(applyKey(frameState(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/'] }), 'ctrl-c').effect).toBe('quit');
  });

  it('a space can be typed into the filter', () => {
    const f = plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['/', ...'su', 'space', 'c', 'enter'] });
    expect(f).toContain('filter: su c');
    expect(f).toContain('770 su core');
    expect(f).not.toMatch(/762 su +S/);
  });

  it('the help overlay swallows other keys but q still quits', () => {
    expect(plain(rancheros, { tab: 'overview', cols: 100, rows: 30, keys: ['?', '3'] })).toContain('Keys (? or Esc closes)');
    expect(applyKey(frameState(rancheros, { tab: 'overview', cols: 100, rows: 30, keys: ['?'] }), 'q').effect).toBe('quit');
  });

  it('v and a do nothing outside the mounts tab (v on Services: its top view), o and O nothing on Overview and Logs', () => {
    const before = frameState(rancheros, { tab: 'engines', cols: 100, rows: 30 });
    expect(applyKey(before, 'v').state).toBe(before);
    expect(applyKey(before, 'a').state).toBe(before);
    const services = frameState(rancheros, { tab: 'services', cols: 100, rows: 30 });
    expect(applyKey(services, 'a').state).toBe(services);
    for (const tab of ['overview', 'logs'] as const) {
      const s = frameState(rancheros, { tab, cols: 100, rows: 30 });
      expect(applyKey(s, 'o').state).toBe(s);
      expect(applyKey(s, 'O').state).toBe(s);
    }
  });

  it('each tab keeps its own cursor and filter', () => {
    const f = plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/', ...'kubelet', 'enter', '2', '3'] });
    expect(f).toContain('filter: kubelet');
    expect(plain(rancheros, { tab: 'mounts', cols: 100, rows: 30, keys: ['/', ...'kubelet', 'enter', '2'] })).not.toContain('filter: kubelet');
  });

  it('the filter on Services keeps the ancestors of matches and opens them', () => {
    const f = plain(coreos, { tab: 'services', cols: 100, rows: 30, keys: ['/', ...'journald', 'enter'] });
    expect(f).toContain('▾ system.slice');
    expect(f).toContain('systemd-journald.service');
    expect(f).toContain('553 /usr/lib/systemd/systemd-journald');
    expect(f).not.toContain('dbus.service');
    expect(f).not.toContain('user.slice');
  });

  it('the filter on Overview narrows the warnings', () => {
    const f = plain(coreos, { tab: 'overview', cols: 100, rows: 30, keys: ['/', ...'usr', 'enter'] });
    expect(f).toContain('/usr is read-only');
    expect(f).not.toContain('kube-proxy IPVS');
  });
});
