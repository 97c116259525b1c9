import { shWord } from '../transport/sh-word.js';

/** A command line quoted for sh, so advice works when pasted as printed. */
function line(words: readonly string[]): string {
  return words.map(shWord).join(' ');
}

/** The user's own command with one ssh option added (`-o Key=Value` right after the command word). */
export function commandWithOption(argv: readonly string[], option: string): string {
  const [command, ...rest] = argv;
  return line(['cosi', command, '-o', option, ...rest]);
}

/** What to run instead of a TUI command when there is no terminal: the same source, as text. */
export function withoutTerminal(argv: readonly string[]): string {
  const [command, ...rest] = argv;
  const json = rest.includes('--json') ? [] : ['--json'];
  if (command === 'connect') return line(['cosi', 'snapshot', ...rest, ...json]);
  if (command === 'open') return line(['cosi', 'open', ...rest, ...json]);
  const name = rest.find((a) => !a.startsWith('-')) ?? 'rancheros';
  return line(['cosi', 'screenshot', '--demo', name, '-o', `${name}.txt`]);
}

/** `--snapshot FILE` / `--demo NAME` given to connect or snapshot: the command that shows them. */
export function fileSourceCommand(o: { snapshot?: string; demo?: string }, json: boolean): string {
  if (o.snapshot !== undefined) return line(['cosi', 'open', o.snapshot, ...(json ? ['--json'] : [])]);
  return line(['cosi', 'demo', o.demo ?? 'rancheros']);
}
