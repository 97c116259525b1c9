import { Box, Text } from 'ink';
import { Notice } from './widgets/Notice.js';
import type { HostModel } from '../src/model/types.js';
import type { HistoryPoint } from '../src/store/types.js';
import { bytes, fit, plural } from './present/format.js';
import { freeTable, sortedConsumers } from './present/memory.js';
import { sortNote, type SortSpec } from './present/sort.js';
import { blockingProblems } from './present/sections.js';
import { Blocked, partialNotice } from './Problems.js';
import { MemoryBar, MemoryLegend } from './MemoryBar.js';
import { Chart } from './widgets/Chart.js';

interface Props {
  model: HostModel;
  history: HistoryPoint[];
  filter: string;
  sort: SortSpec | null;
  width: number;
  height: number;
}

export function Memory({ model, history, filter, sort, width, height }: Props) {
  const m = model.memory;
  if (!m || blockingProblems(model, 'memory').length) return <Blocked model={model} tab="memory" width={width} />;
  const notice = partialNotice(model, 'memory');
  const table = freeTable(m);
  const widths = [6, 9, 9, 9, 9, 11, 10];
  const holders = m.sharedHolders.filter((h, i, all) => all.findIndex((x) => x.target === h.target) === i).slice(0, 4).map((h) => `${h.target} (${h.fstype}) ${bytes(h.usedBytes)}`);
  const shared = m.sharedBytes > 0 ? `shared ${bytes(m.sharedBytes)} is tmpfs/shm memory: ${holders.length ? holders.join(', ') : 'no tmpfs mount holds it (SysV/shm segments)'}` : 'shared 0B: no tmpfs holds memory';
  const psi = m.psi ? `pressure some avg10 ${m.psi.some.avg10.toFixed(2)} avg60 ${m.psi.some.avg60.toFixed(2)}${m.psi.full ? ` · full avg10 ${m.psi.full.avg10.toFixed(2)}` : ''}` : 'pressure: no PSI on this kernel';
  const oom = m.oomKills === null ? 'OOM kills: unknown' : `OOM kills: ${m.oomKills}`;
  const f = filter.trim().toLowerCase();
  const consumers = sortedConsumers(model, sort).filter((c) => f === '' || c.name.toLowerCase().includes(f));
  const fixed = 3 + 2 + 1 + 1 + (notice ? 1 : 0);
  const rest = Math.max(0, height - fixed);
  const nCons = Math.min(consumers.length, Math.max(2, Math.floor(rest / 2) - 1));
  const chartRows = Math.max(0, rest - (nCons + 1) - 1);
  const half = Math.floor(width / 2);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Notice text={notice} />
      {table.map((r, i) => (
        <Text key={i} bold={i === 0}>
          {r.map((c, j) => fit(c, widths[j], j === 0 ? 'left' : 'right')).join(' ')}
        </Text>
      ))}
      <MemoryBar m={m} width={width} />
      <MemoryLegend m={m} />
      <Text wrap="truncate-end" color="magenta">
        {fit(shared, width)}
      </Text>
      <Text wrap="truncate-end" color={m.oomKills ? 'red' : undefined}>
        {fit(`${psi} · ${oom}`, width)}
      </Text>
      <Text bold>
        {fit(`Top consumers (cgroups)${sortNote(sort)}${f ? ` matching "${filter}"` : ''}`, half)}
        {fit(consumers.length ? plural(consumers.length, 'named cgroup') : '', width - half, 'right')}
      </Text>
      {consumers.length === 0 ? <Text dimColor>  no per-cgroup memory was read</Text> : null}
      {consumers.slice(0, nCons).map((c) => (
        <Text key={c.key} wrap="truncate-end">
          {fit(`  ${c.name}`, width - 20)} {fit(bytes(c.bytes), 8, 'right')} {fit(`${Math.round((c.bytes / m.totalBytes) * 100)}%`, 10, 'right')}
        </Text>
      ))}
      {chartRows >= 2 ? <Chart history={history} totalBytes={m.totalBytes} width={width} rows={chartRows} /> : null}
    </Box>
  );
}
