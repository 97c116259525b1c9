// A big journal on the systemd lab host (`lab.ts up journal`, never the default `up`): at least
// 1,000,000 entries across many journal files, as a host that has run for months has. journald
// itself writes them: one transient unit prints the lines on its stdout (journald's stream
// socket, one process, no fork per line, the unit's log rate limit off), and a drop-in caps each
// file at 8 MiB so journald rotates into many files. Takes minutes, not hours; idempotent.
import { DAEMONS, dockerAt } from './daemons.js';
import { LabError, log } from './run.js';
import { SYSTEMD_CONTAINER } from './systemd.js';

export const JOURNAL_ENTRIES = 1_000_000;
export const JOURNAL_FILL_UNIT = 'cosi-journal-fill.service';
const DROP_IN = '/etc/systemd/journald.conf.d/cosi-lab-big.conf';
const JOURNALD_CONF = `# cosi lab (lab.ts up journal): many files (rotation at 8 MiB), room for them all, no rate limit
[Journal]
Storage=persistent
SystemMaxFileSize=8M
SystemMaxUse=6G
SystemKeepFree=2G
RateLimitIntervalSec=0
`;

function onHost(script: string, timeoutMs = 120_000, input?: string) {
  return dockerAt(DAEMONS.docker, ['exec', ...(input === undefined ? [] : ['-i']), SYSTEMD_CONTAINER, 'sh', '-c', script], { timeoutMs, input });
}

export interface JournalSize {
  entries: number;
  files: number;
  bytes: number;
}

/** Entries, files and bytes of the host's journal, from the files' headers (fast: no entry is read). */
export function journalSize(): JournalSize {
  const out = onHost('journalctl --header --no-pager 2>/dev/null', 300_000).stdout;
  const sum = (re: RegExp) => [...out.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    entries: sum(/^Entry [Oo]bjects: (\d+)$/gm),
    files: [...out.matchAll(/^File [Pp]ath: /gm)].length,
    bytes: sum(/^Arena size: (\d+)$/gm),
  };
}

/** journald rotates at 8 MiB and keeps them all; restarts journald once when the drop-in changes. */
function ensureJournaldConf(): void {
  const have = onHost(`cat ${DROP_IN} 2>/dev/null || true`).stdout;
  if (have === JOURNALD_CONF) return;
  onHost(`mkdir -p /etc/systemd/journald.conf.d && cat > ${DROP_IN}`, 30_000, JOURNALD_CONF);
  onHost('systemctl restart systemd-journald');
  log(`${SYSTEMD_CONTAINER}: journald: files of at most 8 MiB, no rate limit`);
}

/**
 * The lines: an API server's access and error log, varied (paths, statuses, durations, request
 * ids) so journald stores distinct messages, as a real chatty service makes them.
 */
function fillScript(n: number): string {
  return `my @m=qw(GET GET GET POST PUT DELETE); my @s=(200,200,200,200,201,204,304,400,404,500); $|=0;
for my $i (1..${n}) { my $s=$s[$i % 10]; my $p=$i % 97 == 0 ? "err" : "";
  if ($p) { print "<3>api: upstream db-$i: connection reset by peer (request ", sprintf("%08x",$i*2654435761 % 4294967296), ")\\n" }
  else { printf "api: %s /v1/items/%d?page=%d %d %dms req=%08x\\n", $m[$i % 6], $i % 5003, $i % 17, $s, ($i*7919) % 1500, ($i*2654435761) % 4294967296 } }`;
}

/** Runs the filler for `n` lines; returns once it has exited and journald has stored what it read (the count holds still). */
async function fill(n: number): Promise<JournalSize> {
  log(`${SYSTEMD_CONTAINER}: writing ${n} journal entries through journald (${JOURNAL_FILL_UNIT}): a few minutes`);
  onHost(`systemctl reset-failed ${JOURNAL_FILL_UNIT} 2>/dev/null; systemctl stop ${JOURNAL_FILL_UNIT} 2>/dev/null; true`);
  const script = fillScript(n).replace(/'/g, `'\\''`);
  onHost(`systemd-run --quiet --unit=${JOURNAL_FILL_UNIT} --description='cosi lab: a chatty API server (journal filler)' -p LogRateLimitIntervalSec=0 -p StandardOutput=journal -p SyslogIdentifier=api perl -e '${script}'`);
  const started = Date.now();
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 15_000));
    const active = onHost(`systemctl is-active ${JOURNAL_FILL_UNIT} || true`).stdout.trim();
    const size = journalSize();
    log(`${SYSTEMD_CONTAINER}: journal: ${size.entries} entries in ${size.files} files after ${Math.round((Date.now() - started) / 1000)} s (filler ${active})`);
    // journald is still storing what the filler wrote into its stream after the filler exited
    if (active !== 'active' && active !== 'activating' && size.entries - last < 100) return size;
    last = size.entries;
    if (Date.now() - started > 3 * 3600_000) throw new LabError(`${JOURNAL_FILL_UNIT} still running after 3 hours`);
  }
}

/** At least JOURNAL_ENTRIES entries in many files on the systemd host. */
export async function ensureBigJournal(): Promise<JournalSize> {
  ensureJournaldConf();
  let size = journalSize();
  for (let round = 0; size.entries < JOURNAL_ENTRIES; round++) {
    if (round === 3) throw new LabError(`the journal has ${size.entries} entries, not ${JOURNAL_ENTRIES}, after ${round} runs of ${JOURNAL_FILL_UNIT}`);
    size = await fill(JOURNAL_ENTRIES - size.entries + 5000);
  }
  log(`${SYSTEMD_CONTAINER}: journal of ${size.entries} entries in ${size.files} files`);
  return size;
}
