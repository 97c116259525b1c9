import { Box, Text } from 'ink';
import type { HistoryPoint } from '../../src/store/types.js';
import { bytes, duration, fit } from '../present/format.js';
import { brailleChart } from './braille-chart.js';

const OWNER_COLOR = ['', 'red', 'green', 'yellow'];

/** History of used (red) and available (green) memory, newest at the right. */
export function Chart({ history, totalBytes, width, rows }: { history: HistoryPoint[]; totalBytes: number; width: number; rows: number }) {
  const plotW = width - 8;
  const chartRows = rows - 1;
  const span = history.length > 1 ? (history[history.length - 1].t - history[0].t) / 1000 : 0;
  const title = `History: used (red) and available (green), ${history.length} sample${history.length === 1 ? '' : 's'}${span > 0 ? ` over ${duration(span)}` : ''}`;
  const { lines, owners } = brailleChart([history.map((h) => h.usedBytes), history.map((h) => h.availableBytes)], plotW, chartRows, totalBytes);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {fit(title, width)}
      </Text>
      {lines.map((line, r) => {
        const label = r === 0 ? bytes(totalBytes) : r === chartRows - 1 ? '0' : '';
        const runs: { text: string; owner: number }[] = [];
        Array.from(line).forEach((ch, x) => {
          const o = owners[r][x];
          const last = runs[runs.length - 1];
          if (last && last.owner === o) last.text += ch;
          else runs.push({ text: ch, owner: o });
        });
        return (
          <Text key={r}>
            <Text dimColor>{fit(label, 6, 'right')} ┤</Text>
            {runs.map((run, i) => (
              <Text key={i} color={OWNER_COLOR[run.owner] || undefined}>
                {run.text}
              </Text>
            ))}
          </Text>
        );
      })}
    </Box>
  );
}
