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
  detailTop: number;
  width: number;
  height: number;
}

export function Engines({ model, ui, detail, revealEnv, detailTop, width, height }: Props) {
  const found = detail ? findContainer(model, detail) : null;
  if (!found) return <ListTab tab="engines" model={model} ui={ui} width={width} height={height} />;
  const lines = containerDetail(found.engine, found.container, revealEnv);
  const top = Math.max(0, Math.min(detailTop, lines.length - (height - 1)));
  const shown = lines.slice(top, top + height - 1);
  const more = lines.length > height - 1 ? ` · lines ${top + 1}-${top + shown.length} of ${lines.length} (j/k scroll)` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {fit(`Container details (Esc back)${more}`, width)}
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
