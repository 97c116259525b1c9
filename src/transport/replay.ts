import type { RawSnapshot } from '../snapshot/types.js';
import type { TargetInfo, Transport } from './types.js';

/** Replays a saved snapshot: every tick yields the same raw texts (parsed again each time). */
export class ReplayTransport implements Transport {
  readonly target: TargetInfo;
  constructor(
    private readonly raw: RawSnapshot,
    label: string,
  ) {
    this.target = { kind: 'replay', label: `${label} (${raw.target.label})` };
  }
  async collect(): Promise<RawSnapshot> {
    return this.raw;
  }
  async close(): Promise<void> {}
}
