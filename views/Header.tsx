import { memo } from 'react';
import { Box, Text } from 'ink';
import type { HostModel } from '../src/model/types.js';
import type { ConnState } from '../src/store/types.js';
import { ageText, retryIn } from './present/clock.js';
import { duration, fit } from './present/format.js';
import { staleText } from './present/section-text.js';

export function connText(conn: ConnState, now: number): { text: string; color: string } {
  const retry = (at: number | null) => retryIn(at, now);
  switch (conn.state) {
    case 'connecting':
      return { text: '◌ connecting', color: 'yellow' };
    case 'live':
      return { text: '● live', color: 'green' };
    case 'paused':
      return { text: '‖ paused', color: 'yellow' };
    case 'static':
      return { text: '■ snapshot', color: 'cyan' };
    case 'stale':
      return { text: `● stale: ${conn.message}${retry(conn.nextRetryAt)}`, color: 'red' };
    case 'error':
      return { text: `✖ ${conn.message}${retry(conn.nextRetryAt)}`, color: 'red' };
  }
}

/** `--host-root`: where the host's files are, and whether /proc and cgroups are the host's too. */
export function hostRootNote(h: HostModel['identity']['hostRoot']): string {
  if (!h) return '';
  if (h.pidNamespace === 'missing') return `no ${h.dir} in this shell: the host's files are not read`;
  if (h.pidNamespace === 'host') return `host files under ${h.dir}`;
  const whose = h.pidNamespace === 'own' ? "own PID namespace: processes and cgroups are the container's" : "PID namespace unknown: processes and cgroups may be the container's";
  return `host files under ${h.dir} · ${whose}`;
}

interface Props {
  model: HostModel | null;
  conn: ConnState;
  now: number;
  modelAt: number | null;
  width: number;
}

/** Drawn again only when its props change: not on a keypress. */
export const Header = memo(function Header({ model, conn, now, modelAt, width }: Props) {
  const id = model?.identity;
  const load = id?.load ? `load ${id.load.map((l) => l.toFixed(2)).join(' ')}` : '';
  const line1 = id
    ? [id.hostname || '?', id.osPrettyName || id.osName, `${id.kernelRelease} ${id.arch}`.trim(), `up ${duration(id.uptimeSeconds)}`, load].filter(Boolean).join(' · ')
    : 'no data yet';
  const c = connText(conn, now);
  // Live data gets an age only once it is late: a fresh screen does not tick (present/clock.ts).
  const age = model === null ? '' : conn.state === 'static' ? `taken ${model.takenAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}` : ageText({ conn, now, modelAt, hasModel: true });
  // The host root before the label: "own PID namespace" must survive a narrow terminal's cut.
  const rest = [age, model ? staleText(model.sections) : '', hostRootNote(id?.hostRoot), model?.target.label ?? ''].filter(Boolean).join(' · ');
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color="cyan">
          cosi{' '}
        </Text>
        <Text bold>{fit(line1, width - 5)}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text color={c.color}>{c.text}</Text>
        <Text dimColor>{rest ? ` · ${rest}` : ''}</Text>
      </Text>
    </Box>
  );
});
