import { plural } from './format.js';
import type { IssueCode, IssueData, MountLineProblem, ParseIssue, RuntimeLineProblem, ShellValueProblem, UnitColumnProblem } from '../../parsers/issues.js';

/**
 * The one sentence of each parse issue code (parsers/issues.ts). The table's type names every
 * code, so a code without a sentence does not compile. Host text in the data is already sanitized.
 */
const SENTENCES: { [K in IssueCode]: (d: IssueData[K]) => string } = {
  'section-unfinished': (d) => `section ${d.section} did not finish (the channel closed or timed out)`,
  'sections-dropped': (d) =>
    `dropped ${plural(d.count, 'section')} the probe did not ask for: ${d.names.join(', ')}${d.count > d.names.length ? `, … (${d.count - d.names.length} more)` : ''}`,
  'more-issues': (d) => `... and ${d.count} more ${d.count === 1 ? 'line' : 'lines'} could not be read`,
  'cgroup-bad-uptime': (d) => `unreadable uptime line "${d.text}"`,
  'cgroup-unknown-hierarchy': (d) => `unknown cgroup hierarchy line "${d.text}"; its files are skipped`,
  'cgroup-file-before-root': (d) => `cgroup file line before any @root line: "${d.text}"`,
  'cgroup-not-counter': (d) => `not a cgroup counter line: "${d.text}"`,
  'cgroup-file-outside': (d) => `cgroup file outside ${d.mount}: "${d.text}"`,
  'cgroup-too-deep': (d) => `cgroup paths too deep to read whole: this line and the ${plural(d.skipped, 'line')} after it are skipped`,
  'cgroup-bad-value': (d) => `unreadable ${d.file} value "${d.value}"`,
  'cri-bad-line': (d) => `not a CRI log line: ${d.text}`,
  'df-unknown-size-column': (d) => `unknown size column ${d.column}: read as 1024-byte blocks`,
  'df-no-sizes': (d) => `filesystem line without sizes${d.cut ? ' (output cut?)' : ''}: ${d.text}`,
  'df-no-name': (d) => `df line without a filesystem name: ${d.text}`,
  'df-no-type': (d) => `df line without a filesystem type: ${d.text}`,
  'df-no-header': () => 'no "Filesystem" header: sizes read as 1024-byte blocks',
  'api-empty': (d) => `${d.endpoint}: empty answer`,
  'api-not-json': (d) => `${d.endpoint}: not JSON (${d.text})`,
  'api-line-not-json': (d) => `${d.endpoint}: line is not JSON: ${d.text}`,
  'api-not-object': (d) => `${d.endpoint}: not an object`,
  'api-not-list': (d) => `${d.endpoint}: not a list`,
  'api-no-version': () => '/version: no Version field',
  'api-server-error': (d) => `/info: ${d.text}`,
  'api-entry-no-id': (d) => `/containers/json: entry ${d.entry} has no Id`,
  'api-inspect-no-id': () => '/containers/{id}/json: no Id',
  'cli-ps-no-id': () => 'docker ps: line has no ID',
  'cli-info-message': (d) => d.text,
  'cli-info-not-number': (d) => `docker info: ${d.field} is not a number`,
  'cli-info-no-fields': () => 'docker info: no server fields found',
  'engine-no-info': () => 'no /info answer',
  'engine-no-list': () => 'no container list',
  'frame-header-cut': (d) => `truncated frame header (${d.bytes} bytes) at the end of the logs`,
  'frame-not-frame': (d) => `not a log frame at byte ${d.byte}: the rest is read as one raw stream`,
  'frame-cut': (d) => `truncated frame: ${d.announced} bytes announced, ${d.received} received`,
  'discovery-bad-socket': (d) => `socket line without a path and rw|denied: "${d.text}"`,
  'discovery-bad-tool': (d) => `tool line without a name and path: "${d.text}"`,
  'discovery-bad-userunit': (d) => `userunit line without a uid and unit name: "${d.text}"`,
  'discovery-unknown-line': (d) => `unknown engines discovery line: "${d.text}"`,
  'discovery-unit-no-name': () => 'unit line without a unit name',
  'identity-not-key-value': (d) => `not a key=value line: ${d.text}`,
  'identity-unreadable': (d) => `${d.field} not readable: ${d.value || '(empty)'}`,
  'journal-not-json': (d) => `not a journal JSON entry: ${d.text}`,
  'journal-not-object': () => 'a journal entry that is not an object',
  'kube-bad-module': (d) => `not a /proc/modules line: ${d.text}`,
  'kube-bad-builtin': (d) => `not a modules.builtin path: ${d.text}`,
  'kube-bad-tool': (d) => `expected "TOOL yes|no": ${d.text}`,
  'kube-before-marker': (d) => `line before any @modules/@builtin/@tools marker: ${d.text}`,
  'kube-part-missing': (d) => `no @${d.part} part: the probe output is incomplete`,
  'meminfo-not-field': (d) => `not a "Field: value" line: ${d.text}`,
  'meminfo-bad-value': (d) => `${d.key}: value not readable: ${d.value || '(empty)'}`,
  'meminfo-unknown-unit': (d) => `${d.key}: unknown unit ${d.unit}`,
  'meminfo-no-total': () => 'MemTotal missing from /proc/meminfo: memory figures are unknown',
  'meminfo-no-free': () => 'MemFree missing from /proc/meminfo',
  'meminfo-available-zero': () => 'MemAvailable is 0: available memory estimated as MemFree, as procps-ng free does',
  'meminfo-no-available': () => 'MemAvailable missing (kernel older than 3.14): available memory estimated as MemFree, as procps-ng free does',
  'meminfo-available-over-total': () => 'MemAvailable is larger than MemTotal (container view of host values?): estimated as MemFree, as procps-ng free does',
  'mountinfo-bad-line': (d) => `${d.padded ? 'extra spaces between fields; ' : ''}${MOUNT_LINE[d.problem]} -- ignored: ${d.text}`,
  'mountinfo-padded': (d) => `extra spaces between fields (read as one) -- kept: ${d.text}`,
  'os-release-not-key-value': (d) => `not a KEY=value line: ${d.text}`,
  'os-release-bad-value': (d) => `${d.key}: ${SHELL_VALUE[d.problem]}${d.problem === 'trailing-text' ? `: ${d.text}` : ''}`,
  'ps-unknown-format': (d) => `unknown process list format "${d.name}"; reading it by its header`,
  'ps-stat-bad-line': (d) => `not a /proc/<pid>/stat line: "${d.text}"`,
  'ps-stat-cut': (d) => `process ${d.pid}: stat line is cut short`,
  'ps-stat-no-rss': (d) => `process ${d.pid}: no resident size in its stat line`,
  'ps-skipped-before-header': (d) => `${plural(d.count, 'line')} before the ps header skipped: "${d.text}"`,
  'ps-no-header': () => 'no ps header line (expected one naming PID): process list not read',
  'ps-no-header-assumed': (d) => `no ps header line; assuming the ${d.format} columns`,
  'ps-no-pid-column': () => 'the ps header has no PID column: process list not read',
  'ps-no-ppid-column': () => 'ps printed no PPID column: parent processes are unknown',
  'ps-short-line': (d) => `ps line has ${d.got} of ${d.want} columns: "${d.text}"`,
  'ps-bad-pid': (d) => `ps line without a numeric pid/ppid: "${d.text}"`,
  'ps-cut-before-command': (d) => `process ${d.pid}: ps line cut before COMMAND`,
  'ps-bad-rss': (d) => `process ${d.pid}: unreadable RSS "${d.value}"`,
  'runtime-bad-line': (d) => `${RUNTIME_LINE[d.problem]}: "${d.text}"`,
  'runtime-config-not-json': (d) => `config.json of ${d.task} is not JSON (cut, or written while read)`,
  'meta-bad-line': (d) => `not a line of the copied metadata store: "${d.text}"`,
  'meta-unreadable': (d) => `containerd's metadata store ${d.path} could not be read (${d.why}): containers without a task are not shown`,
  'kernel-limits-bad-line': (d) => `expected FILE:NUMBER or "tasks N", got: ${d.text}`,
  'inotify-bad-line': (d) => `expected "@pid PID UID COMM" or /proc/PID/fdinfo/FD:COUNT, got: ${d.text}`,
  'psi-bad-kind': (d) => `not a "some" or "full" line: ${d.text}`,
  'proc-cpu-bad-line': (d) => `not a process CPU line (PID TICKS START): "${d.text}"`,
  'psi-bad-line': (d) => `${d.kind}: expected avg10= avg60= avg300= total=, got: ${d.text}`,
  'psi-no-some': () => 'no "some" line: pressure unknown',
  'stat-bad-line': (d) => `not a cpu line of /proc/stat: ${d.text}`,
  'stat-bad-cpu': (d) => `bad cpu number: ${d.text}`,
  'systemctl-json-not-list': () => 'systemctl JSON is not a list of units',
  'systemctl-json-entry': (d) => `systemctl JSON entry ${d.entry}${d.problem ? `: ${unitProblem(d.problem)}` : ' has no unit name'}`,
  'systemctl-json-damaged': () => 'systemctl JSON is cut short or damaged; reading the whole unit entries in it',
  'systemctl-short-line': (d) => `unit line with fewer than 4 columns: "${d.text}"`,
  'systemctl-not-unit': (d) => `not a unit line (${unitProblem(d.problem)}): "${d.text}"`,
  'vmstat-bad-line': (d) => `not "name value": ${d.text}`,
};

const MOUNT_LINE: Record<MountLineProblem, string> = {
  'too-few-fields': 'too few fields',
  'no-separator': 'no " - " separator',
  'few-before-separator': 'too few fields before " - "',
  'few-after-separator': 'too few fields after " - " (want type, source, super options)',
  'many-after-separator': 'too many fields after " - "',
  'bad-id': 'mount id or parent id is not a number',
  'bad-major-minor': 'bad major:minor',
  'relative-target': 'target is not an absolute path',
  'bad-options': 'per-mount options do not start with rw or ro',
};

const RUNTIME_LINE: Record<RuntimeLineProblem, string> = {
  root: 'runtime root line without a kind, directory and socket flag',
  'pod-log': 'pod log file name not NS_POD_UID/CONTAINER/N.log',
  link: 'container log link not POD_NS_CONTAINER-ID.log',
  'exit-status': 'exit status line not "DIR/ID/status:JSON" or "DIR/ID:CODE"',
  'before-root': 'runtime line before any @root',
  pid: 'task pid line not "@pid PATH PID 0|1"',
  config: 'task config line not "PATH/config.json:JSON"',
  'config-path': 'task config of an unexpected path',
  mtime: 'task config time line not "@mtime SECONDS PATH/config.json"',
};

const SHELL_VALUE: Record<ShellValueProblem, string> = {
  'single-quote': 'unterminated single quote',
  'double-quote': 'unterminated double quote',
  'trailing-text': 'unexpected text after the value',
};

const UNIT_COLUMN: Record<UnitColumnProblem['column'], string> = {
  UNIT: 'a unit name',
  LOAD: 'a load state',
  ACTIVE: 'an active state',
  SUB: 'a sub state',
};

function unitProblem(p: UnitColumnProblem): string {
  return `${p.column} "${p.value}" is not ${UNIT_COLUMN[p.column]}`;
}

/** The sentence a user reads for one parse issue, with the engine it came from when it has one. */
export function issueText(i: ParseIssue): string {
  const text = (SENTENCES[i.code] as (d: unknown) => string)(i.data);
  return i.source ? `${i.source}: ${text}` : text;
}
