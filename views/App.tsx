import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { AppStore } from '../src/store/store.js';
import { drawRows, MIN_COLS, MIN_ROWS, type AppState } from '../src/store/types.js';
import { Engines } from './Engines.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { Help } from './Help.js';
import { Logs } from './Logs.js';
import { Memory } from './Memory.js';
import { Mounts } from './Mounts.js';
import { Overview } from './Overview.js';
import { Services } from './Services.js';
import { TabBar } from './TabBar.js';
import { bodyHeight } from './present/layout.js';
import { sortSpec } from './present/sort.js';

function Body({ s, width, height }: { s: AppState; width: number; height: number }) {
  const { model, ui } = s;
  if (ui.help) return <Help width={width} height={height} top={ui.helpTop} />;
  if (ui.tab === 'logs') return <Logs s={s} width={width} height={height} />;
  if (!model) {
    const msg = s.conn.state === 'error' ? `no data: ${s.conn.message}` : 'waiting for the first snapshot…';
    return (
      <Box width={width} height={height}>
        <Text color={s.conn.state === 'error' ? 'red' : 'yellow'}>{msg}</Text>
      </Box>
    );
  }
  const t = ui.tabs[ui.tab];
  switch (ui.tab) {
    case 'overview':
      return <Overview model={model} filter={t.filter} cursor={t.cursorIndex} width={width} height={height} />;
    case 'services':
      return <Services model={model} ui={t} width={width} height={height} />;
    case 'mounts':
      return <Mounts model={model} ui={t} width={width} height={height} />;
    case 'engines':
      return <Engines model={model} ui={t} detail={ui.detail} revealEnv={ui.revealEnv} detailTop={ui.detailTop} width={width} height={height} />;
    case 'memory':
      return <Memory model={model} history={s.history} filter={t.filter} sort={sortSpec('memory', t.sort, t.reverse)} width={width} height={height} />;
  }
}

/** The whole screen for one store state. Pure: no I/O, no timers, no clock. */
export function Screen({ s }: { s: AppState }) {
  const { cols } = s.size;
  const rows = drawRows(s.size);
  if (cols < MIN_COLS || s.size.rows < MIN_ROWS) {
    return (
      <Box flexDirection="column" width={Math.max(1, cols)}>
        <Text color="yellow" wrap="wrap">
          cosi needs a terminal of at least {MIN_COLS}x{MIN_ROWS}; this one is {cols}x{s.size.rows}.
        </Text>
        <Text dimColor wrap="wrap">
          Enlarge the window (q quits).
        </Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={cols} height={rows}>
      <Header model={s.model} conn={s.conn} now={s.now} modelAt={s.modelAt} width={cols} />
      <TabBar tab={s.ui.tab} width={cols} />
      <Body s={s} width={cols} height={bodyHeight(rows)} />
      <Footer ui={s.ui} flash={s.flash} width={cols} />
    </Box>
  );
}

/** The app reads the store with a selector and renders synchronously. */
export function App({ store }: { store: AppStore }) {
  const s = useStore(store, (x) => x);
  return <Screen s={s} />;
}
