import { Box } from 'ink';
import { Notice } from './widgets/Notice.js';
import type { HostModel, TabId } from '../src/model/types.js';
import type { TabUi } from '../src/store/types.js';
import { cursorIndex } from './present/list.js';
import { listFor } from './present/rows.js';
import { Table } from './widgets/Table.js';
import { Blocked, partialNotice } from './Problems.js';
import { blockingProblems } from './present/sections.js';

/** Services, Mounts and the Engines list: a title, column headings and a virtual-scrolling table. */
export function ListTab({ model, tab, ui, width, height }: { model: HostModel; tab: TabId; ui: TabUi; width: number; height: number }) {
  if (blockingProblems(model, tab).length) return <Blocked model={model} tab={tab} width={width} />;
  const view = listFor(model, tab, ui);
  if (!view) return null;
  const notice = partialNotice(model, tab);
  const listH = height - 2 - (notice ? 1 : 0);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Notice text={notice} />
      <Table view={view} cursor={cursorIndex(view, ui.cursor, ui.cursorIndex)} top={ui.top} height={Math.max(1, listH)} width={width} />
    </Box>
  );
}
