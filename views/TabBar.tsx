import { memo } from 'react';
import { Text } from 'ink';
import { TABS, TAB_TITLES, type TabId } from '../src/store/types.js';

/** Drawn again only when the tab or the width change. */
export const TabBar = memo(function TabBar({ tab, width }: { tab: TabId; width: number }) {
  const used = TABS.reduce((a, t) => a + TAB_TITLES[t].length + 5, 0);
  return (
    <Text wrap="truncate-end">
      {TABS.map((t, i) => (
        <Text key={t} inverse={t === tab} bold={t === tab}>
          {t === tab ? `[${i + 1} ${TAB_TITLES[t]}]` : ` ${i + 1} ${TAB_TITLES[t]} `}
        </Text>
      )).flatMap((el, i) => [el, <Text key={`s${i}`}> </Text>])}
      <Text dimColor>{'─'.repeat(Math.max(0, width - used))}</Text>
    </Text>
  );
});
