import { Box, Text } from 'ink';
import { activeContexts } from '../src/keys/reduce.js';
import { KEY_TABLE } from '../src/keys/table.js';
import type { AppState } from '../src/store/types.js';

/** The one-line hint comes from the key table entries that have a hint in the active contexts. */
export function hintLine(s: AppState): string {
  const ctxs = activeContexts(s);
  const seen = new Set<string>();
  const hints: string[] = [];
  for (const ctx of ctxs) {
    for (const b of KEY_TABLE) {
      if (b.context !== ctx || !b.hint || seen.has(b.hint)) continue;
      seen.add(b.hint);
      hints.push(b.hint);
    }
  }
  return hints.join('  ');
}

export function Footer({ state, width }: { state: AppState; width: number }) {
  const filter = state.ui.tabs[state.ui.tab].filter;
  const flash = state.flash;
  return (
    <Box flexDirection="column" width={width}>
      {state.ui.editingFilter ? (
        <Text wrap="truncate-end">
          <Text color="cyan">/{filter}</Text>
          <Text inverse> </Text>
          <Text dimColor>{'  ' + hintLine(state)}</Text>
        </Text>
      ) : (
        <Text wrap="truncate-end" dimColor>
          {hintLine(state)}
        </Text>
      )}
      <Text wrap="truncate-end" color={flash?.tone === 'error' ? 'red' : 'cyan'}>
        {flash ? flash.text : ' '}
      </Text>
    </Box>
  );
}
