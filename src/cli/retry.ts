import { shWord } from '../transport/sh-word.js';

/**
 * The user's own command with one ssh option added (`-o Key=Value` right after the command word),
 * quoted for sh: advice that works when pasted as printed.
 */
export function commandWithOption(argv: readonly string[], option: string): string {
  const [command, ...rest] = argv;
  return ['cosi', command, '-o', option, ...rest].map(shWord).join(' ');
}
