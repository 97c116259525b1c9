import { useInput, useStdin } from 'ink';
import { App } from '../../views/App.js';
import { applyKey, type Effect } from '../../views/key-reducer.js';
import { keyNames } from '../keys/names.js';
import type { AppStore } from '../store/store.js';

/** Dispatches one named key: the same reducer renderFrame uses, then the effect. */
export function dispatchKey(name: string, store: AppStore, onEffect: (e: Effect) => void): void {
  const before = store.getState();
  const start = before.flash ? { ...before, flash: null } : before;
  const r = applyKey(start, name);
  if (r.state !== before) store.setState(r.state, true);
  if (r.effect) onEffect(r.effect);
}

export function Live({ store, onEffect }: { store: AppStore; onEffect: (e: Effect) => void }) {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      for (const name of keyNames(input, key)) dispatchKey(name, store, onEffect);
    },
    { isActive: isRawModeSupported === true },
  );
  return <App store={store} />;
}

