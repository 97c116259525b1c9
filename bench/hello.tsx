/** @jsxRuntime automatic @jsxImportSource react */
/**
 * The baseline of "time to first frame": the smallest full-screen Ink app,
 * started the way cosi is (plain `node` on compiled JS, raw-mode input,
 * alternate screen, `q` quits). bench/first-frame.ts compiles it to
 * bench/.build/hello.js.
 */
import { Box, render, Text, useApp, useInput, useStdin } from 'ink';

function Hello() {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  useInput(
    (input) => {
      if (input === 'q') exit();
    },
    { isActive: isRawModeSupported === true },
  );
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>hello, ink</Text>
      <Text dimColor>q quits</Text>
    </Box>
  );
}

process.stdout.write('\x1b[?1049h\x1b[?25l');
const app = render(<Hello />, { exitOnCtrlC: true });
await app.waitUntilExit();
process.stdout.write('\x1b[?25h\x1b[?1049l');
