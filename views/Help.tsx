import { Box, Text } from 'ink';
import { CONTEXT_TITLES, KEY_TABLE, keyLabel, type KeyContext } from '../src/keys/table.js';
import { fit } from './present/format.js';

/** The `?` overlay, generated from the key table, in two columns when it does not fit in one. */
export function helpLines(): { text: string; heading: boolean }[] {
  const order: KeyContext[] = ['global', 'list', 'mounts', 'detail', 'filter'];
  const out: { text: string; heading: boolean }[] = [];
  for (const ctx of order) {
    out.push({ text: CONTEXT_TITLES[ctx], heading: true });
    for (const b of KEY_TABLE.filter((e) => e.context === ctx)) out.push({ text: `  ${fit(b.keys.map(keyLabel).join(' '), 12)} ${b.help}`, heading: false });
  }
  return out;
}

export function Help({ width, height }: { width: number; height: number }) {
  const lines = helpLines();
  const perCol = Math.max(1, height - 1);
  const colW = Math.floor(width / 2);
  const cols = [lines.slice(0, perCol), lines.slice(perCol, perCol * 2)];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>Keys (? or Esc closes)</Text>
      <Box flexDirection="row">
        {cols.map((c, i) => (
          <Box key={i} flexDirection="column" width={colW}>
            {c.map((l, j) => (
              <Text key={j} wrap="truncate-end" bold={l.heading} color={l.heading ? 'cyan' : undefined}>
                {l.text}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
