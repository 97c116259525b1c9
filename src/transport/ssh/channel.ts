import { AnswerCollector } from '../answer.js';
import { AnswerDeadline } from '../deadline.js';
import { sanitize } from '../../../parsers/sanitize.js';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import type { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { TransportError, type ReadLimits, type ShellChannel, type TargetInfo } from '../types.js';
import { newAuthMemory, type AuthMemory } from './auth.js';
import type { ResolvedSsh } from './config.js';
import { connectSsh, type Connection } from './connect.js';
import { noPrompts, terminalPrompts, type SshPrompts } from './prompts.js';
import { PGID, shellHandshake } from './handshake.js';
import { killRemoteGroup } from './remote-kill.js';

export interface SshChannelOptions {
  /** Prompts for the first connect (default: the terminal, /dev/tty). */
  prompts?: SshPrompts;
  /** Prompts for later reconnects (default: none; remembered passphrases/password are reused). */
  reconnectPrompts?: SshPrompts;
  /** Home directory for `~` in messages (default: os.homedir()). */
  home?: string;
  /** Connect timeout when ssh config has no ConnectTimeout (default 15 s). */
  connectTimeoutMs?: number;
  /** Force a mode; default 'auto' (shell, falling back to exec when shells are refused). */
  mode?: 'auto' | 'shell' | 'exec';
  /** How long to wait for the persistent shell to answer before falling back to exec (default 8 s). */
  shellReadyTimeoutMs?: number;
  /** Called when the first connect's key exchange is done, its host key accepted (before authentication). */
  onKeyExchange?: () => void;
}

/**
 * A ShellChannel over ONE SSH connection: a persistent remote `/bin/sh` in a
 * shell channel (no pty), or, when the account refuses shells (ForceCommand,
 * restricted accounts), one `exec sh -s` per run. `open()` after a failure
 * reconnects; remembered passphrases/password and accepted host keys are
 * reused so a reconnect never asks again.
 */
export class SshChannel implements ShellChannel {
  readonly target: TargetInfo;
  private conn: Connection | null = null;
  private shell: ClientChannel | null = null;
  private busy = false;
  private opened = false;
  private readonly memory: AuthMemory = newAuthMemory();
  private readonly accepted = new Map<string, Buffer>();
  private currentMode: 'shell' | 'exec' | null = null;
  /** The persistent shell's process group on the host (what a timed-out tick kills). */
  private shellPid: number | null = null;

  constructor(
    readonly resolved: ResolvedSsh,
    private readonly opts: SshChannelOptions = {},
  ) {
    const r = resolved;
    const port = r.port === 22 ? '' : `:${r.port}`;
    const via = r.jumps.length > 0 ? ` via ${r.jumps.map((j) => j.host).join(',')}` : '';
    this.target = { kind: 'ssh', label: `${r.user}@${r.host}${port}${via}` };
  }

  /** 'shell' (persistent sh), 'exec' (one exec per run: the server refused shells), or null before open(). */
  get mode(): 'shell' | 'exec' | null {
    return this.currentMode;
  }

  /** True while the SSH connection is up. */
  get connected(): boolean {
    return this.conn !== null;
  }

  async open(): Promise<void> {
    if (!this.conn) {
      const prompts = this.opened ? (this.opts.reconnectPrompts ?? noPrompts()) : (this.opts.prompts ?? terminalPrompts());
      const conn = await connectSsh(this.resolved, {
        prompts,
        memory: this.memory,
        home: this.opts.home ?? homedir(),
        accepted: this.accepted,
        defaultConnectTimeoutMs: this.opts.connectTimeoutMs ?? 15_000,
        onKeyExchange: this.opened ? undefined : this.opts.onKeyExchange,
      });
      this.conn = conn;
      this.opened = true;
      // The target or any jump host closing ends the whole session.
      // ('end' too: a hop's stream can end long before it reports 'close'.)
      for (const c of [conn.client, ...conn.hops]) {
        c.on('end', () => this.connectionLost(conn));
        c.on('close', () => this.connectionLost(conn));
      }
    }
    const want = this.opts.mode ?? 'auto';
    if (want === 'exec' || this.currentMode === 'exec') {
      this.currentMode = 'exec';
      return;
    }
    if (this.shell) return;
    const ok = await this.startShell();
    if (ok) this.currentMode = 'shell';
    else if (want === 'shell') throw new TransportError(`${this.target.label}: the server refused a shell`, 'protocol');
    else this.currentMode = 'exec';
  }

  /** Opens the shell channel, makes it POSIX sh and waits for it to answer; false when the server will not give a shell. */
  private async startShell(): Promise<boolean> {
    const client = this.conn?.client;
    if (!client) return false;
    const stream = await new Promise<ClientChannel | null>((resolve) => {
      try {
        client.shell(false, (err, s) => resolve(err ? null : s));
      } catch {
        resolve(null);
      }
    });
    if (!stream) {
      if (!this.conn) throw new TransportError(`${this.target.label}: connection closed`, 'closed');
      return false;
    }
    const token = randomBytes(8).toString('hex');
    const pid = await new Promise<number | null>((resolve) => {
      let buf = '';
      const done = (v: number | null) => {
        clearTimeout(timer);
        stream.off('data', onData);
        stream.off('close', onClose);
        resolve(v);
      };
      const onData = (d: Buffer) => {
        buf = (buf + d.toString('latin1')).slice(-4096);
        const m = new RegExp(`@@COSI-SH:${token}:(\\d+)\n`).exec(buf);
        if (m) done(Number(m[1]));
      };
      const onClose = () => done(null);
      const timer = setTimeout(() => done(null), this.opts.shellReadyTimeoutMs ?? 8000);
      stream.on('data', onData);
      stream.once('close', onClose);
      stream.stderr.resume();
      stream.write(shellHandshake(token));
    });
    if (pid === null) {
      stream.removeAllListeners('data');
      stream.on('error', () => undefined);
      stream.close();
      if (!this.conn) throw new TransportError(`${this.target.label}: connection closed`, 'closed');
      return false;
    }
    this.shellPid = pid;
    stream.on('close', () => {
      if (this.shell === stream) this.shell = null;
    });
    this.shell = stream;
    return true;
  }

  run(script: string, terminator: string, limits: ReadLimits): Promise<string> {
    if (!this.conn) return Promise.reject(new TransportError(`${this.target.label}: not connected`, 'closed'));
    if (this.busy) return Promise.reject(new TransportError('a probe is already running on this channel', 'protocol'));
    if (this.currentMode === 'shell') {
      if (!this.shell) return Promise.reject(new TransportError(`${this.target.label}: the remote shell has ended`, 'closed'));
      return this.read(this.shell, script, terminator, limits, false);
    }
    const client = this.conn.client;
    this.busy = true;
    return new Promise<ClientChannel>((resolve, reject) => {
      client.exec('/bin/sh -s', (err, s) => (err ? reject(new TransportError(`${this.target.label}: exec refused: ${sanitize(err.message)}`, this.conn ? 'protocol' : 'closed')) : resolve(s)));
    }).then(
      (s) => {
        this.busy = false;
        // An exec'd shell is a session leader too: it says its pid first, so a timeout can kill its group.
        const token = randomBytes(8).toString('hex');
        return this.read(s, `${PGID}; printf '%s:%s:%s\\n' @@COSI-PID ${token} "$_cosi_pg"\n${script}`, terminator, limits, true, token);
      },
      (e) => {
        this.busy = false;
        throw e;
      },
    );
  }

  /** Writes the script and reads until `\n<terminator>\n`, within the limits. */
  private read(stream: ClientChannel, script: string, terminator: string, limits: ReadLimits, once: boolean, pidToken?: string): Promise<string> {
    const pidLine = pidToken ? new RegExp(`@@COSI-PID:${pidToken}:(\\d+)\n`) : null;
    let execPid: number | null = null;
    let head = '';
    this.busy = true;
    const answer = new AnswerCollector(terminator, limits.maxBytes);
    const conn = this.conn;
    return new Promise<string>((resolve, reject) => {
      let stderrTail = '';
      const finish = (err: TransportError | null, text?: string) => {
        deadline.clear();
        stream.off('data', onData);
        stream.off('close', onClose);
        stream.stderr.off('data', onErr);
        this.lostListeners.delete(onClose);
        this.busy = false;
        // A shell that gave up mid-tick may still run a section: its whole process group goes.
        const pid = !err ? null : once ? execPid : this.shell === stream ? this.shellPid : null;
        if (once || err) {
          if (this.shell === stream) this.shell = null;
          stream.on('error', () => undefined);
          try {
            stream.close();
          } catch {
            /* already gone */
          }
        }
        if (pid !== null) void this.killRemote(pid).then(() => reject(err));
        else if (err) reject(err);
        else resolve(pidLine ? (text ?? '').replace(pidLine, '') : (text ?? ''));
      };
      const onData = (d: Buffer) => {
        deadline.touch();
        if (pidLine && execPid === null && head.length < 4096) {
          head += d.toString('latin1');
          const m = pidLine.exec(head);
          if (m) execPid = Number(m[1]);
        }
        const r = answer.push(d);
        if (r === 'over') finish(new TransportError(`${this.target.label}: the probe printed more than ${limits.maxBytes} bytes; stopped`, 'limit'));
        else if (r !== null) finish(null, r);
      };
      const onErr = (d: Buffer) => {
        stderrTail = (stderrTail + d.toString('utf8')).slice(-1000);
      };
      const onClose = () => {
        const why = sanitize(stderrTail.trim().split('\n').pop() ?? '');
        const lost = !this.conn || this.conn !== conn;
        finish(new TransportError(`${this.target.label}: ${lost ? 'connection lost' : 'the remote shell ended'}${why ? `: ${why}` : ''}`, 'closed'));
      };
      const deadline = new AnswerDeadline(limits, (why) => finish(new TransportError(`${this.target.label}: ${why}`, 'timeout')));
      stream.on('data', onData);
      stream.stderr.on('data', onErr);
      stream.once('close', onClose);
      this.lostListeners.add(onClose);
      stream.write(script);
      if (once) stream.end();
    });
  }

  /**
   * Opens a stream to a unix socket on the host over this connection
   * (OpenSSH streamlocal forwarding, e.g. /var/run/docker.sock for the Docker API).
   */
  forwardUnixSocket(path: string): Promise<Duplex> {
    const client = this.conn?.client;
    if (!client) return Promise.reject(new TransportError(`${this.target.label}: not connected`, 'closed'));
    return new Promise((resolve, reject) => {
      client.openssh_forwardOutStreamLocal(path, (err, stream) => {
        if (err) reject(new TransportError(`${this.target.label}: cannot open ${path} over ssh: ${sanitize(err.message)}`, 'other'));
        else resolve(stream);
      });
    });
  }

  private elevated = false;

  setElevated(on: boolean): void {
    this.elevated = on;
  }

  /** Kills the shell's process group on the host (remote-kill.ts); forgets the pid. */
  private killRemote(pid: number): Promise<void> {
    this.shellPid = null;
    return killRemoteGroup(this.conn?.client, pid, this.elevated);
  }

  private readonly lostListeners = new Set<() => void>();

  private connectionLost(conn: Connection): void {
    if (this.conn !== conn) return;
    this.dropConnection();
    for (const c of [conn.client, ...conn.hops]) {
      try {
        c.destroy();
      } catch {
        /* already gone */
      }
    }
    for (const l of [...this.lostListeners]) l();
  }

  private dropConnection(): void {
    const conn = this.conn;
    this.conn = null;
    this.shell = null;
    if (this.currentMode === 'shell') this.currentMode = null;
    if (conn) for (const h of [...conn.hops].reverse()) h.end();
  }

  async close(): Promise<void> {
    const conn = this.conn;
    if (!conn) return;
    // Quitting mid-tick: the section still running on the host goes too.
    if (this.busy && this.shell && this.shellPid !== null) await this.killRemote(this.shellPid);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 1000);
      conn.client.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      conn.client.end();
    });
    this.dropConnection();
  }
}
