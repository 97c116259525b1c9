import { Box, Text } from 'ink';
import type { HostModel } from '../src/model/types.js';
import { countFacts, identityFacts, sortedWarnings } from './present/overview.js';
import { warningSymptom, warningText } from './present/warnings.js';
import { fit } from './present/format.js';
import { blockingProblems } from './present/sections.js';
import { Blocked } from './Problems.js';
import { MemoryBar, MemoryLegend } from './MemoryBar.js';
import { windowFor } from './present/layout.js';

const SEVERITY = { error: { mark: '✖', color: 'red' }, warn: { mark: '▲', color: 'yellow' }, info: { mark: '•', color: 'cyan' } };

export function Overview({ model, filter, cursor, width, height }: { model: HostModel; filter: string; cursor: number; width: number; height: number }) {
  if (blockingProblems(model, 'overview').length) return <Blocked model={model} tab="overview" width={width} />;
  const facts = identityFacts(model);
  const counts = countFacts(model);
  const warnings = sortedWarnings(model, filter);
  const used = facts.length + 2 + 1 + counts.length + 1 + 1;
  const sel = Math.min(cursor, warnings.length - 1);
  // The selected warning's symptom line ("explains ...") takes one row under it.
  const symptom = sel >= 0 ? warningSymptom(warnings[sel]) : null;
  const room = Math.max(0, height - used - (symptom ? 1 : 0));
  const win = windowFor(warnings.length, sel, 0, warnings.length > room ? Math.max(1, room - 1) : room);
  const shown = warnings.slice(win.top, win.end);
  const row = (label: string, value: string, key: string) => (
    <Text key={key} wrap="truncate-end">
      <Text bold>{fit(label, 11)}</Text>
      {fit(value, width - 11)}
    </Text>
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      {facts.map((f) => row(f.label, f.value, f.label))}
      {model.memory ? (
        <>
          <Text wrap="truncate-end">
            <Text bold>{fit('Memory', 11)}</Text>
            <MemoryBar m={model.memory} width={width - 11} />
          </Text>
          <Text wrap="truncate-end">
            {' '.repeat(11)}
            <MemoryLegend m={model.memory} />
          </Text>
        </>
      ) : (
        <>
          {row('Memory', 'not read', 'mem')}
          <Text> </Text>
        </>
      )}
      <Text> </Text>
      {counts.map((f) => row(f.label, f.value, f.label))}
      <Text> </Text>
      <Text bold>
        Warnings ({warnings.length}
        {filter ? ` matching "${filter}"` : ''})
      </Text>
      {warnings.length === 0 ? <Text color="green">{filter ? '  none match' : '  ✔ nothing wrong found'}</Text> : null}
      {shown.flatMap((w, i) => [
        <Text key={i} wrap="truncate-end" color={SEVERITY[w.severity].color} inverse={win.top + i === sel}>
          {fit(`  ${SEVERITY[w.severity].mark} ${warningText(w, model)}`, width - 11)} <Text dimColor>{fit(`[${w.tab}]`, 10)}</Text>
        </Text>,
        ...(win.top + i === sel && symptom
          ? [
              <Text key={`s${i}`} wrap="truncate-end" dimColor>
                {`      ${symptom}`}
              </Text>,
            ]
          : []),
      ])}
      {shown.length < warnings.length ? <Text dimColor>  … {warnings.length - shown.length} more (j/k)</Text> : null}
    </Box>
  );
}
