/** ssh_config `Match` blocks: the criteria cosi evaluates the way OpenSSH does. */
import { matchPatternList } from './patterns.js';

/** Options collected so far while reading the config (keyword -> values; first value wins). */
export type ConfigOptions = Map<string, string[]>;

/** `Match` criteria cosi can evaluate; `exec` and unknown criteria never match (cosi runs no local commands). */
export function evalMatch(args: string[], originalHost: string, opts: ConfigOptions, localUser: string): boolean {
  let i = 0;
  const lower = args.map((a) => a.toLowerCase());
  if (lower.length === 1 && lower[0] === 'all') return true;
  while (i < args.length) {
    let crit = lower[i];
    const neg = crit.startsWith('!');
    if (neg) crit = crit.slice(1);
    let r: boolean;
    if (crit === 'all') {
      r = true;
      i++;
    } else if (crit === 'canonical' || crit === 'final') {
      r = false;
      i++;
    } else {
      const val = args[i + 1];
      if (val === undefined) return false;
      const pats = val.split(',');
      const hostNow = (opts.get('hostname')?.[0] ?? originalHost).replace(/%h/g, originalHost);
      switch (crit) {
        case 'host':
          r = matchPatternList(hostNow, pats);
          break;
        case 'originalhost':
          r = matchPatternList(originalHost, pats);
          break;
        case 'user':
          r = matchPatternList(opts.get('user')?.[0] ?? localUser, pats, false);
          break;
        case 'localuser':
          r = matchPatternList(localUser, pats, false);
          break;
        default:
          r = false;
      }
      i += 2;
    }
    if (neg ? r : !r) return false;
  }
  return true;
}
