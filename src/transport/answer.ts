/**
 * Collects one probe answer from a stream: everything up to the line that
 * starts with the terminator, within a byte limit. Shared by every shell
 * channel (child process, SSH shell, SSH exec).
 */
export class AnswerCollector {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private tail = '';
  private readonly marker: string;

  constructor(
    terminator: string,
    private readonly maxBytes: number,
  ) {
    this.marker = `\n${terminator}`;
  }

  /** Adds bytes. Returns the answer once the terminator line is complete, 'over' past the limit, else null. */
  push(d: Buffer): string | 'over' | null {
    this.chunks.push(d);
    this.size += d.length;
    // The terminator is ASCII: search a latin1 view of the recent bytes only, decode UTF-8 once at the end.
    const view = this.tail + d.toString('latin1');
    const at = view.indexOf(this.marker);
    if (at >= 0 && view.indexOf('\n', at + this.marker.length) >= 0) {
      const all = Buffer.concat(this.chunks).toString('utf8');
      return all.slice(0, all.lastIndexOf(this.marker) + 1);
    }
    this.tail = view.slice(-(this.marker.length + 1));
    return this.size > this.maxBytes ? 'over' : null;
  }
}
