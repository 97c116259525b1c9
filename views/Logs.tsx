import { Box, Text } from 'ink';
import type { AppState } from '../src/store/types.js';
import { fit } from './present/format.js';
import { logsScreen } from './present/logs.js';
import { toneProps } from './widgets/Table.js';

/** The Logs tab: a title, an error or notes line, then the lines (every string sanitized by the parsers). */
export function Logs({ s, width, height }: { s: AppState; width: number; height: number }) {
  const ui = s.ui.logs;
  const screen = logsScreen(s.logs, ui, s.ui.tabs.logs.filter, width, height, s.conn.state !== 'static');
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        {fit(screen.title, width)}
      </Text>
      {screen.note ? (
        <Text wrap="truncate-end" {...toneProps(screen.note.tone)}>
          {fit(screen.note.text, width)}
        </Text>
      ) : null}
      {screen.empty !== null ? (
        <Text dimColor wrap="wrap">
          {screen.empty}
        </Text>
      ) : (
        screen.rows.map((row, i) => (
          <Text key={i} wrap="truncate-end">
            {row.length === 0 ? ' ' : row.map((seg, j) => (
              <Text key={j} {...toneProps(seg.tone)} inverse={seg.mark === true}>
                {seg.text}
              </Text>
            ))}
          </Text>
        ))
      )}
    </Box>
  );
}
