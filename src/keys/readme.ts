import { CONTEXT_ORDER, CONTEXT_TITLES, KEY_TABLE, keyLabel } from './table.js';

/** The README's key list as markdown, generated from the key table. */
export function keysMarkdown(): string {
  const out: string[] = [];
  for (const ctx of CONTEXT_ORDER) {
    const rows = KEY_TABLE.filter((b) => b.context === ctx);
    if (rows.length === 0) continue;
    out.push(`**${CONTEXT_TITLES[ctx]}**`, '', '| keys | action |', '|---|---|');
    for (const b of rows) out.push(`| ${b.keys.map((k) => '`' + keyLabel(k) + '`').join(' ')} | ${b.help} |`);
    out.push('');
  }
  return out.join('\n');
}

// `npx tsx src/keys/readme.ts` prints the list for pasting into the README.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) process.stdout.write(keysMarkdown() + '\n');
