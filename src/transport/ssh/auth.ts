import { sanitize, sanitizeLines } from '../../../parsers/sanitize.js';
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { AuthHandlerMiddleware, NextAuthHandler, ParsedKey, KeyboardInteractiveCallback, Prompt } from 'ssh2';
import type { ResolvedSsh } from './config.js';
import type { SshPrompts } from './prompts.js';

const { utils, OpenSSHAgent } = ssh2;

/** Secrets that worked, kept in memory so a reconnect does not ask again. */
export interface AuthMemory {
  passphrases: Map<string, string>;
  password?: string;
}

export function newAuthMemory(): AuthMemory {
  return { passphrases: new Map() };
}

/** What the handler tried, for the one-line failure message. */
export interface AuthLog {
  tried: string[];
  /** Methods the server offered (from the first failure). */
  offered: string[] | null;
}

/** Shows a path with the home directory as `~`. */
export function tildePath(p: string, home: string): string {
  const h = home.replace(/\/$/, '');
  return h !== '' && (p === h || p.startsWith(h + '/')) ? '~' + p.slice(h.length) : p;
}

/** "user@host: authentication failed (tried: ...)" */
export function authFailureLine(r: ResolvedSsh, log: AuthLog): string {
  const tried = log.tried.length > 0 ? log.tried.join(', ') : 'nothing';
  const offered = log.offered ? `; server accepts: ${log.offered.join(', ')}` : '';
  return `${r.user}@${r.hostname}: authentication failed (tried: ${tried}${offered})`;
}

interface AgentKeys {
  agent: InstanceType<typeof OpenSSHAgent>;
  count: number;
}

/** Lists the agent's keys (filtered to the identity files when IdentitiesOnly); null when there is no usable agent. */
async function agentKeys(r: ResolvedSsh, idPublics: Buffer[]): Promise<AgentKeys | null> {
  if (!r.identityAgent) return null;
  const base = new OpenSSHAgent(r.identityAgent);
  const keys = await new Promise<ParsedKey[] | null>((resolve) => {
    base.getIdentities((err, k) => resolve(err || !k ? null : (k as ParsedKey[])));
  });
  if (!keys || keys.length === 0) return null;
  const usable = r.identitiesOnly ? keys.filter((k) => idPublics.some((p) => p.equals(k.getPublicSSH()))) : keys;
  if (usable.length === 0) return null;
  // An agent that only hands out the filtered keys; signing goes to the real agent.
  class Filtered extends OpenSSHAgent {
    override getIdentities(cb: (err: Error | undefined, keys?: ParsedKey[]) => void): void {
      cb(undefined, usable);
    }
  }
  return { agent: new Filtered(r.identityAgent), count: usable.length };
}

/** The public half of an identity file, from `FILE.pub` or the (unencrypted) private key. */
function publicOf(file: string): Buffer | null {
  for (const f of [file + '.pub', file]) {
    try {
      const k = utils.parseKey(readFileSync(f));
      if (!(k instanceof Error)) return (Array.isArray(k) ? k[0] : k).getPublicSSH();
    } catch {
      /* not readable */
    }
  }
  return null;
}

type Step = () => Promise<Parameters<NextAuthHandler>[0] | null>;

/**
 * Builds ssh2's authHandler in OpenSSH's order: none (to learn the methods),
 * agent keys, identity files (asking an encrypted key's passphrase, hidden,
 * 3 tries), keyboard-interactive, password (NumberOfPasswordPrompts tries).
 */
export function makeAuthHandler(
  r: ResolvedSsh,
  prompts: SshPrompts,
  memory: AuthMemory,
  home: string,
  log: AuthLog,
): { handler: AuthHandlerMiddleware; succeeded: () => void } {
  const user = r.user;
  const existing = r.identityFiles.filter((f) => readable(f));
  const steps: { method: string; run: Step }[] = [];
  let lastPassword: string | undefined;
  steps.push({ method: 'none', run: async () => ({ type: 'none', username: user }) });
  if (r.pubkeyAuthentication) {
    steps.push({
      method: 'publickey',
      run: async () => {
        const a = await agentKeys(r, existing.map(publicOf).filter((b): b is Buffer => b !== null));
        if (!a) return null;
        log.tried.push(`agent (${a.count} key${a.count === 1 ? '' : 's'})`);
        return { type: 'agent', username: user, agent: a.agent };
      },
    });
    for (const file of existing) {
      steps.push({
        method: 'publickey',
        run: async () => {
          const key = await loadIdentity(file, r, prompts, memory);
          if (!key) return null;
          log.tried.push(`publickey with ${tildePath(file, home)}`);
          return { type: 'publickey', username: user, key };
        },
      });
    }
  }
  if (r.kbdInteractiveAuthentication && !r.batchMode) {
    steps.push({
      method: 'keyboard-interactive',
      run: async () => {
        log.tried.push('keyboard-interactive');
        return { type: 'keyboard-interactive', username: user, prompt: kbdPrompt(prompts, memory, (pw) => (lastPassword = pw)) };
      },
    });
  }
  if (r.passwordAuthentication) {
    const tries = Math.max(1, r.numberOfPasswordPrompts);
    let first = true;
    for (let i = 0; i < tries; i++) {
      steps.push({
        method: 'password',
        run: async () => {
          let pw: string | null | undefined = first ? memory.password : undefined;
          first = false;
          if (pw === undefined) pw = r.batchMode ? null : await prompts.secret(`${user}@${r.hostname}'s password: `);
          if (pw === null) return null;
          if (!log.tried.includes('password')) log.tried.push('password');
          lastPassword = pw;
          return { type: 'password', username: user, password: pw };
        },
      });
    }
  }
  let idx = 0;
  let giveUpPasswords = false;
  const handler: AuthHandlerMiddleware = (methodsLeft, _partial, next) => {
    const left = methodsLeft as string[] | null;
    if (left && log.offered === null) log.offered = left.map(sanitize); // the server's words
    void (async () => {
      while (idx < steps.length) {
        const s = steps[idx++];
        if (s.method !== 'none' && left && !left.includes(s.method)) continue;
        if (s.method === 'password' && giveUpPasswords) continue;
        const step = await s.run().catch(() => null);
        if (step) return next(step);
        if (s.method === 'password') giveUpPasswords = true; // nobody to ask: skip the remaining tries
      }
      next(false as unknown as Parameters<NextAuthHandler>[0]);
    })();
  };
  return {
    handler,
    succeeded: () => {
      if (lastPassword !== undefined) memory.password = lastPassword;
    },
  };
}

function readable(f: string): boolean {
  try {
    readFileSync(f);
    return true;
  } catch {
    return false;
  }
}

/** Reads an identity file, asking for its passphrase (hidden, 3 tries) when it is encrypted; null to skip it. */
async function loadIdentity(
  file: string,
  r: ResolvedSsh,
  prompts: SshPrompts,
  memory: AuthMemory,
): Promise<ParsedKey | null> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null;
  }
  const plain = first(utils.parseKey(data));
  if (!(plain instanceof Error)) return plain;
  if (!/encrypted|passphrase/i.test(plain.message)) {
    prompts.notice(`Load key "${file}": ${plain.message}`);
    return null;
  }
  const remembered = memory.passphrases.get(file);
  if (remembered !== undefined) {
    const k = first(utils.parseKey(data, remembered));
    if (!(k instanceof Error)) return k;
  }
  if (r.batchMode) return null;
  for (let i = 0; i < 3; i++) {
    const pass = await prompts.secret(`Enter passphrase for key '${file}': `);
    if (pass === null || pass === '') return null;
    const k = first(utils.parseKey(data, pass));
    if (!(k instanceof Error)) {
      memory.passphrases.set(file, pass);
      return k;
    }
    prompts.notice('Bad passphrase, try again.');
  }
  return null;
}

function first(k: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  return Array.isArray(k) ? (k[0] ?? new Error('no key in file')) : k;
}

function kbdPrompt(prompts: SshPrompts, memory: AuthMemory, onPassword: (pw: string) => void) {
  let usedMemory = false;
  return (name: string, instructions: string, _lang: string, ps: Prompt[], finish: KeyboardInteractiveCallback) => {
    void (async () => {
      if (name || instructions) prompts.notice([name, instructions].filter(Boolean).map(sanitizeLines).join('\n'));
      const answers: string[] = [];
      for (const p of ps) {
        const isPassword = !p.echo && /password/i.test(p.prompt);
        let a: string | null | undefined = isPassword && !usedMemory ? memory.password : undefined;
        if (a !== undefined) usedMemory = true;
        if (a === undefined) a = p.echo ? await prompts.ask(sanitize(p.prompt)) : await prompts.secret(sanitize(p.prompt));
        if (a === null) a = '';
        if (isPassword) onPassword(a);
        answers.push(a);
      }
      finish(answers);
    })();
  };
}
