/**
 * THE key table. The input handler, the `?` overlay, the hint line and the README's
 * key list are all generated from it.
 */

export type KeyContext = 'global' | 'overview' | 'list' | 'sort' | 'services' | 'mounts' | 'detail' | 'logs' | 'filter' | 'help';

export type ActionId =
  | 'tab'
  | 'next-tab'
  | 'prev-tab'
  | 'down'
  | 'up'
  | 'page-down'
  | 'page-up'
  | 'half-down'
  | 'half-up'
  | 'next-match'
  | 'prev-match'
  | 'problems-only'
  | 'go-to-warning'
  | 'top'
  | 'bottom'
  | 'toggle'
  | 'expand'
  | 'collapse'
  | 'filter'
  | 'clear-filter'
  | 'filter-accept'
  | 'filter-cancel'
  | 'filter-backspace'
  | 'toggle-view'
  | 'toggle-top'
  | 'sort-next'
  | 'sort-reverse'
  | 'toggle-all'
  | 'toggle-host'
  | 'close-detail'
  | 'reveal-env'
  | 'open-logs'
  | 'logs-back'
  | 'follow'
  | 'wrap'
  | 'timestamps'
  | 'help'
  | 'close-help'
  | 'pause'
  | 'refresh'
  | 'screenshot'
  | 'quit';

export interface KeyBinding {
  /** Canonical key names (see src/keys/names.ts). */
  keys: string[];
  action: ActionId;
  help: string;
  context: KeyContext;
  /** Shown in the one-line hint of this context. */
  hint?: string;
}

/** PgDn/PgUp and Ctrl-D/Ctrl-U: the same in every scrolling context. */
function paging(context: KeyContext): KeyBinding[] {
  return [
    { keys: ['pagedown'], action: 'page-down', help: 'page down', context },
    { keys: ['pageup'], action: 'page-up', help: 'page up', context },
    { keys: ['ctrl-d'], action: 'half-down', help: 'half a page down', context },
    { keys: ['ctrl-u'], action: 'half-up', help: 'half a page up', context },
  ];
}

export const KEY_TABLE: KeyBinding[] = [
  { keys: ['enter'], action: 'filter-accept', help: 'keep the filter and leave the prompt', context: 'filter', hint: 'Enter keep' },
  { keys: ['escape'], action: 'filter-cancel', help: 'clear the filter', context: 'filter', hint: 'Esc clear' },
  { keys: ['backspace'], action: 'filter-backspace', help: 'delete the last character', context: 'filter' },
  { keys: ['?', 'escape'], action: 'close-help', help: 'close this help', context: 'help', hint: '? close help' },
  { keys: ['j', 'down'], action: 'down', help: 'scroll down', context: 'help', hint: 'j/k scroll' },
  { keys: ['k', 'up'], action: 'up', help: 'scroll up', context: 'help' },
  ...paging('help'),
  { keys: ['g', 'home'], action: 'top', help: 'first line', context: 'help' },
  { keys: ['G', 'end'], action: 'bottom', help: 'last line', context: 'help' },
  { keys: ['escape', 'enter'], action: 'close-detail', help: 'back to the containers list', context: 'detail', hint: 'Esc back' },
  { keys: ['j', 'down'], action: 'down', help: 'scroll down', context: 'detail' },
  { keys: ['k', 'up'], action: 'up', help: 'scroll up', context: 'detail' },
  ...paging('detail'),
  { keys: ['e'], action: 'reveal-env', help: 'show or hide environment values', context: 'detail', hint: 'e env values' },
  { keys: ['L'], action: 'open-logs', help: "this container's logs", context: 'detail', hint: 'L logs' },
  { keys: ['escape'], action: 'logs-back', help: 'back to where L was pressed (same row, same filter)', context: 'logs', hint: 'Esc back' },
  { keys: ['j', 'down'], action: 'down', help: 'scroll down', context: 'logs' },
  { keys: ['k', 'up'], action: 'up', help: 'scroll up', context: 'logs' },
  ...paging('logs'),
  { keys: ['g', 'home'], action: 'top', help: 'oldest line', context: 'logs' },
  { keys: ['G', 'end'], action: 'bottom', help: 'newest line (and stick to it)', context: 'logs' },
  { keys: ['f'], action: 'follow', help: 'follow: new lines arrive with each refresh', context: 'logs', hint: 'f follow' },
  { keys: ['n'], action: 'next-match', help: 'next line matching the filter', context: 'logs' },
  { keys: ['N'], action: 'prev-match', help: 'previous line matching the filter', context: 'logs', hint: 'n/N match' },
  { keys: ['w'], action: 'wrap', help: 'wrap long lines on / off', context: 'logs', hint: 'w wrap' },
  { keys: ['t'], action: 'timestamps', help: 'timestamps on / off', context: 'logs', hint: 't time' },
  { keys: ['j', 'down'], action: 'down', help: 'next warning', context: 'overview', hint: 'j/k warning' },
  { keys: ['k', 'up'], action: 'up', help: 'previous warning', context: 'overview' },
  { keys: ['enter'], action: 'go-to-warning', help: 'go to the row the warning is about', context: 'overview', hint: 'Enter go to' },
  { keys: ['L'], action: 'open-logs', help: 'logs of what the warning is about', context: 'overview', hint: 'L logs' },
  { keys: ['o'], action: 'sort-next', help: 'sort by the next column: name, CPU, memory, IO, tasks, state, size...', context: 'sort' },
  { keys: ['O'], action: 'sort-reverse', help: 'reverse the sort (ties stay in name order)', context: 'sort' },
  { keys: ['v'], action: 'toggle-top', help: 'cgroup tree / top view: one row per cgroup, like systemd-cgtop', context: 'services' },
  { keys: ['v'], action: 'toggle-view', help: 'grouped view / tree view', context: 'mounts', hint: 'v view' },
  { keys: ['H'], action: 'toggle-host', help: "PID 1's mount table (host) / ours, when they differ", context: 'mounts' },
  { keys: ['a'], action: 'toggle-all', help: 'show or hide pseudo filesystems', context: 'mounts', hint: 'a pseudo fs' },
  { keys: ['j', 'down'], action: 'down', help: 'move down', context: 'list', hint: 'j/k move' },
  { keys: ['k', 'up'], action: 'up', help: 'move up', context: 'list' },
  ...paging('list'),
  { keys: ['g', 'home'], action: 'top', help: 'first row', context: 'list' },
  { keys: ['G', 'end'], action: 'bottom', help: 'last row', context: 'list' },
  { keys: ['enter', 'space'], action: 'toggle', help: 'expand / collapse (Engines: container details)', context: 'list', hint: 'Enter open' },
  { keys: ['right'], action: 'expand', help: 'expand', context: 'list' },
  { keys: ['left'], action: 'collapse', help: 'collapse, or go to the parent', context: 'list' },
  { keys: ['n'], action: 'next-match', help: 'next row matching the filter', context: 'list' },
  { keys: ['N'], action: 'prev-match', help: 'previous row matching the filter', context: 'list' },
  { keys: ['f'], action: 'problems-only', help: 'only what failed or is not running (Services, Engines)', context: 'list' },
  { keys: ['L'], action: 'open-logs', help: "logs of the row: a unit, a container, a process's unit (Services, Engines)", context: 'list', hint: 'L logs' },
  { keys: ['escape'], action: 'clear-filter', help: 'clear the filter', context: 'global' },
  { keys: ['1', '2', '3', '4', '5', '6'], action: 'tab', help: 'tab 1-6: Overview Services Mounts Engines Memory Logs', context: 'global' },
  { keys: ['tab', 'l'], action: 'next-tab', help: 'next tab', context: 'global' },
  { keys: ['shift-tab', 'h'], action: 'prev-tab', help: 'previous tab', context: 'global' },
  { keys: ['/'], action: 'filter', help: 'filter the current tab', context: 'global', hint: '/ filter' },
  { keys: ['?'], action: 'help', help: 'this help', context: 'global', hint: '? help' },
  { keys: ['p'], action: 'pause', help: 'pause / resume refreshing', context: 'global', hint: 'p pause' },
  { keys: ['r'], action: 'refresh', help: 'refresh now, every section (once, when paused)', context: 'global', hint: 'r refresh' },
  { keys: ['s'], action: 'screenshot', help: 'save a screenshot of this screen', context: 'global' },
  { keys: ['q', 'ctrl-c'], action: 'quit', help: 'quit', context: 'global', hint: 'q quit' },
];

/** Human spelling of a key name for help texts. */
export function keyLabel(name: string): string {
  const map: Record<string, string> = {
    enter: 'Enter', escape: 'Esc', backspace: 'Backspace', space: 'Space', tab: 'Tab', 'shift-tab': 'Shift-Tab',
    up: '↑', down: '↓', left: '←', right: '→', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', 'ctrl-c': 'Ctrl-C', 'ctrl-d': 'Ctrl-D', 'ctrl-u': 'Ctrl-U',
  };
  return map[name] ?? name;
}

export const CONTEXT_TITLES: Record<KeyContext, string> = {
  global: 'Everywhere',
  overview: 'Overview warnings',
  list: 'Lists (Services, Mounts, Engines)',
  sort: 'Sorting (Services, Mounts, Engines, Memory)',
  services: 'Services',
  mounts: 'Mounts',
  detail: 'Container details (Engines)',
  logs: 'Logs',
  filter: 'Filter prompt (after /)',
  help: 'This help',
};

/** The order of the sections in the `?` overlay and the README. */
export const CONTEXT_ORDER: KeyContext[] = ['global', 'overview', 'list', 'sort', 'services', 'mounts', 'detail', 'logs', 'filter', 'help'];

/** Finds the binding of a key in the first context (in order) that binds it. */
export function lookup(key: string, contexts: KeyContext[]): KeyBinding | null {
  for (const ctx of contexts) {
    const b = KEY_TABLE.find((e) => e.context === ctx && e.keys.includes(key));
    if (b) return b;
  }
  return null;
}
