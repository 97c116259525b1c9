import { Box, Text } from 'ink';
import type { HostModel } from '../src/model/types.js';
import type { TabUi } from '../src/store/types.js';
import { containerDetail, findContainer } from './present/engines.js';
import { fit } from './present/format.js';
import { ListTab } from './ListTab.js';
import { toneProps } from './widgets/Table.js';

interface Props {
  model: HostModel;
  ui: TabUi;
  detail: string | null;
  revealEnv: boolean;
  width: number;
  height: number;
}

export function Engines({ model, ui, detail, revealEnv, width, height }: Props) {
  const found = detail ? findContainer(model, detail) : null;
  if (!found) return <ListTab tab="engines" model={model} ui={ui} width={width} height={height} />;
  const lines = containerDetail(found.engine, found.container, revealEnv);
  const shown = lines.slice(0, height - 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {fit(`Container details (Esc back)${lines.length > shown.length ? ` · ${lines.length - shown.length} more lines` : ''}`, width)}
      </Text>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          <Text dimColor>{fit(l.label, 10)} </Text>
          <Text {...toneProps(l.tone)}>{fit(l.value, width - 11)}</Text>
        </Text>
      ))}
    </Box>
  );
}
