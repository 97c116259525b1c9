import { Box, Text } from 'ink';
import type { HostModel, TabId } from '../src/model/types.js';
import { blockingProblems, partialProblems } from './present/sections.js';

/** What a pane could not read; `blocking` problems replace the pane. */
export function Blocked({ model, tab, width }: { model: HostModel; tab: TabId; width: number }) {
  const probs = blockingProblems(model, tab);
  return (
    <Box flexDirection="column" width={width}>
      {probs.map((p) =>
        p.pending ? (
          <Text key={p.id} dimColor wrap="truncate-end">
            … {p.text}
          </Text>
        ) : (
          <Text key={p.id} color="red" wrap="truncate-end">
            ✖ {p.text}
          </Text>
        ),
      )}
      {probs.every((p) => p.pending) ? null : <Text dimColor>The other tabs keep working.</Text>}
    </Box>
  );
}

export function partialNotice(model: HostModel, tab: TabId): string | null {
  const probs = partialProblems(model, tab);
  return probs.length ? probs.map((p) => p.text).join('; ') : null;
}
