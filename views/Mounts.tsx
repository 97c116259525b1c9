import type { HostModel } from '../src/model/types.js';
import type { TabUi } from '../src/store/types.js';
import { ListTab } from './ListTab.js';

export function Mounts(props: { model: HostModel; ui: TabUi; width: number; height: number }) {
  return <ListTab tab="mounts" {...props} />;
}
