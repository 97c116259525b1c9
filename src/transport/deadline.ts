import type { ReadLimits } from './types.js';

/**
 * The deadline of one probe answer: `timeoutMs` of silence, counted again
 * from every byte received (a slow link that keeps sending finishes its
 * tick), and `totalMs` overall (a host that dribbles forever does not).
 * Calls `expired` once with the reason.
 */
export class AnswerDeadline {
  private idle: ReturnType<typeof setTimeout>;
  private readonly total: ReturnType<typeof setTimeout>;

  constructor(
    private readonly limits: ReadLimits,
    private readonly expired: (why: string) => void,
  ) {
    this.idle = setTimeout(() => this.fire(`nothing received for ${seconds(limits.timeoutMs)}`), limits.timeoutMs);
    const total = limits.totalMs ?? limits.timeoutMs;
    this.total = setTimeout(() => this.fire(`no complete answer within ${seconds(total)}`), total);
  }

  /** Bytes arrived: the silence deadline starts again. */
  touch(): void {
    this.idle.refresh();
  }

  clear(): void {
    clearTimeout(this.idle);
    clearTimeout(this.total);
  }

  private fire(why: string): void {
    this.clear();
    this.expired(why);
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
