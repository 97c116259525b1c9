import { describe, expect, it } from 'vitest';
import { createAppStore, pushHistory, setModel } from '../../../src/store/store.js';
import { rancheros } from '../../fixtures/models/rancheros.js';

describe('store', () => {
  it('keeps a bounded history of used/available memory, oldest dropped first', () => {
    let h = pushHistory([], rancheros, 0, 3);
    for (let t = 1; t < 5; t++) h = pushHistory(h, rancheros, t * 1000, 3);
    expect(h.map((p) => p.t)).toEqual([2000, 3000, 4000]);
    expect(h[0]).toEqual({ t: 2000, usedBytes: rancheros.memory!.usedBytes, availableBytes: rancheros.memory!.availableBytes });
  });

  it('a model without memory adds no history point', () => {
    expect(pushHistory([], { ...rancheros, memory: null }, 0)).toEqual([]);
  });

  it('setModel stores the model, the time it arrived and marks the connection live', () => {
    const s = createAppStore({ now: 5 });
    expect(s.getState().conn.state).toBe('connecting');
    setModel(s, rancheros, 1000);
    expect(s.getState()).toMatchObject({ model: rancheros, modelAt: 1000, now: 1000, conn: { state: 'live' } });
    expect(s.getState().history).toHaveLength(1);
  });
});
