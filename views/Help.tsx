import { Box, Text } from 'ink';
import { helpLayout } from './present/help.js';
import { fit } from './present/format.js';

/** The `?` overlay: one column that scrolls, or two side by side when the terminal is wide enough. */
export function Help({ width, height, top }: { width: number; height: number; top: number }) {
  const l = helpLayout(width, height, top);
  const pos = l.maxTop > 0 ? ` · lines ${l.top + 1}-${Math.min(l.total, l.top + l.height)} of ${l.total} (j/k scroll)` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {fit(`Keys (? or Esc closes)${pos}`, width)}
      </Text>
      <Box flexDirection="row" gap={2}>
        {l.columns.map((c, i) => (
          <Box key={i} flexDirection="column" width={l.colWidth}>
            {c.map((line, j) => (
              <Text key={j} wrap="truncate-end" bold={line.heading} color={line.heading ? 'cyan' : undefined}>
                {line.text}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
