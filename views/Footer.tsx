import { memo } from 'react';
import { Box, Text } from 'ink';
import { activeContexts } from './key-reducer.js';
import { KEY_TABLE } from '../src/keys/table.js';
import type { AppState } from '../src/store/types.js';

const KEEP = new Set(['? help', 'q quit', '? close help', 'Esc back', 'Esc clear']);

/**
 * The one-line hint comes from the key table entries that have a hint in the active contexts.
 * When it does not fit, optional hints are dropped from the end; help and quit always stay.
 */
export function hintLine(s: Pick<AppState, 'ui'>, width = Infinity): string {
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
  const out = [...hints];
  while (out.join('  ').length > width) {
    const i = out.map((h, j) => (KEEP.has(h) ? -1 : j)).filter((j) => j >= 0).pop();
    if (i === undefined) break;
    out.splice(i, 1);
  }
  return out.join('  ');
}

/** Drawn again only when the keys' state, the flash line or the width change, not on a new tick. */
export const Footer = memo(function Footer({ ui, flash, width }: { ui: AppState['ui']; flash: AppState['flash']; width: number }) {
  const filter = ui.tabs[ui.tab].filter;
  return (
    <Box flexDirection="column" width={width}>
      {/* the flash line sits above the key bar, so the key bar is the screen's last line */}
      <Text wrap="truncate-end" color={flash?.tone === 'error' ? 'red' : 'cyan'}>
        {flash ? flash.text : ' '}
      </Text>
      {ui.editingFilter ? (
        <Text wrap="truncate-end">
          <Text color="cyan">/{filter}</Text>
          <Text inverse> </Text>
          <Text dimColor>{'  ' + hintLine({ ui }, width - filter.length - 4)}</Text>
        </Text>
      ) : (
        <Text wrap="truncate-end" dimColor>
          {hintLine({ ui }, width)}
        </Text>
      )}
    </Box>
  );
});
