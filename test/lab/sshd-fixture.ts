/**
 * A throwaway OpenSSH server for the SSH lab tests: `/usr/sbin/sshd -D -f CONFIG`
 * as root on 127.0.0.1 (ports 2230-2239), host keys generated in a temp dir,
 * test users created with useradd and removed by `removeUser`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

/** A temp dir removed by cleanupTempDirs() (call it in afterAll). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.add(d);
  return d;
}

export function cleanupTempDirs(): void {
  for (const d of made) rmSync(d, { recursive: true, force: true });
  made.clear();
}

/** Generates a key pair with ssh-keygen; returns the private key path (public at path.pub). */
export function genKey(path: string, type: 'ed25519' | 'rsa' | 'ecdsa' = 'ed25519', passphrase = ''): string {
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'cosi-test', '-f', path], { stdio: 'ignore' });
  return path;
}

export interface TestUser {
  name: string;
  home: string;
}

/** Creates a local account (home in `baseDir`), optional real password through chpasswd. */
export function addUser(name: string, baseDir: string, password?: string, shell = '/bin/bash'): TestUser {
  removeUser(name);
  const home = join(baseDir, `home-${name}`);
  execFileSync('useradd', ['-M', '-d', home, '-s', shell, name], { stdio: 'ignore' });
  mkdirSync(home, { recursive: true });
  execFileSync('chown', [`${name}:`, home]);
  if (password !== undefined) execFileSync('chpasswd', [], { input: `${name}:${password}\n` });
  else execFileSync('usermod', ['-p', '*', name]); // no password, but not locked (sshd refuses locked "!" accounts)
  return { name, home };
}

export function removeUser(name: string): void {
  try {
    execFileSync('userdel', ['-f', name], { stdio: 'ignore' });
  } catch {
    /* not there */
  }
}

export interface SshdOptions {
  port: number;
  /** sshd_config lines placed first (sshd keeps the first value: these override the defaults below). */
  settings?: string;
  /** Extra sshd_config text (Match blocks ...), appended at the end. */
  extra?: string;
  /** Host key type (default ed25519). */
  hostKeyType?: 'ed25519' | 'rsa' | 'ecdsa';
}

export class Sshd {
  readonly dir: string;
  readonly port: number;
  readonly hostKeyPath: string;
  private proc: ChildProcess | null = null;
  private log = '';

  constructor(private readonly opts: SshdOptions) {
    this.port = opts.port;
    this.dir = tempDir(`cosi-sshd-${opts.port}-`);
    chmodSync(this.dir, 0o755);
    mkdirSync(join(this.dir, 'keys'), { mode: 0o755 });
    this.hostKeyPath = join(this.dir, 'host_key');
    genKey(this.hostKeyPath, opts.hostKeyType ?? 'ed25519');
    mkdirSync('/run/sshd', { recursive: true });
    this.writeConfig();
  }

  /** The host public key line: "ssh-ed25519 AAAA...". */
  hostKeyLine(): string {
    return readFileSync(this.hostKeyPath + '.pub', 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  }

  /** Replaces the host key (for the "changed key" test); takes effect at the next start. */
  newHostKey(): void {
    rmSync(this.hostKeyPath, { force: true });
    rmSync(this.hostKeyPath + '.pub', { force: true });
    genKey(this.hostKeyPath, this.opts.hostKeyType ?? 'ed25519');
  }

  /** Allows `pubKeyPath` for `user` (AuthorizedKeysFile lives in our temp dir). */
  authorize(user: string, pubKeyPath: string): void {
    const f = join(this.dir, 'keys', user);
    const prev = existsSync(f) ? readFileSync(f, 'utf8') : '';
    writeFileSync(f, prev + readFileSync(pubKeyPath, 'utf8'));
    chmodSync(f, 0o644);
  }

  private writeConfig(): void {
    const conf = [
      this.opts.settings ?? '',
      `Port ${this.port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${this.hostKeyPath}`,
      `PidFile ${join(this.dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(this.dir, 'keys', '%u')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin no',
      'AllowTcpForwarding yes',
      'AllowStreamLocalForwarding yes',
      'PrintMotd no',
      'LogLevel VERBOSE',
      'Subsystem sftp internal-sftp',
      this.opts.extra ?? '',
      '',
    ].join('\n');
    writeFileSync(join(this.dir, 'sshd_config'), conf);
  }

  async start(): Promise<void> {
    if (this.proc) return;
    if (await portOpen(this.port)) throw new Error(`port ${this.port} is already in use (a stale sshd from an aborted run?)`);
    const p = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(this.dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    p.stderr?.on('data', (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-20000);
    });
    this.proc = p;
    p.on('exit', () => {
      if (this.proc === p) this.proc = null;
    });
    for (let i = 0; i < 100; i++) {
      if (await portOpen(this.port)) return;
      if (!this.proc) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`sshd on port ${this.port} did not start:\n${this.log}`);
  }

  /** Kills the listener AND every session process it forked (a real "sshd went away"). */
  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (p?.pid) {
      // The listener and every session process it forked, found by parent pid in /proc.
      for (const pid of descendants(p.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      p.kill('SIGKILL');
      await new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));
    }
  }

  logs(): string {
    return this.log;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch {
      /* exited */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [pid, pp] of parent) if (pp === p) {
      out.push(pid);
      walk(pid);
    }
  };
  walk(root);
  return out;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Starts `ssh-agent -a SOCK -D`, returns the socket and a stop function. */
export async function startAgent(dir: string): Promise<{ sock: string; add: (key: string) => void; stop: () => void }> {
  const sock = join(dir, 'agent.sock');
  const p = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 30));
  return {
    sock,
    add: (key) => execFileSync('ssh-add', [key], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' }),
    stop: () => p.kill('SIGTERM'),
  };
}

/** Prompts driven by the test: answers in order, everything shown is recorded. */
export function scriptedPrompts(answers: { ask?: (string | null)[]; secret?: (string | null)[] } = {}) {
  const shown: string[] = [];
  const asks = [...(answers.ask ?? [])];
  const secrets = [...(answers.secret ?? [])];
  return {
    shown,
    prompts: {
      ask: async (q: string) => {
        shown.push(q);
        return asks.length ? (asks.shift() as string | null) : null;
      },
      secret: async (q: string) => {
        shown.push(q);
        return secrets.length ? (secrets.shift() as string | null) : null;
      },
      notice: (t: string) => {
        shown.push(t);
      },
    },
  };
}

/** A small framed script in the shape the probe builder emits: prints `body`'s output then the terminator. */
export function miniProbe(body: string, terminator: string): string {
  return `${body}\nprintf '\\n%s\\n' '${terminator}'\n`;
}
