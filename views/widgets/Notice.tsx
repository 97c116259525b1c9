import { Text } from 'ink';

/** One yellow line saying what part of a pane could not be read; nothing when all was read. */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <Text color="yellow" wrap="truncate-end">
      ▲ {text}
    </Text>
  );
}
