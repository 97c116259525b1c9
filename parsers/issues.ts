/**
 * Every problem a parser can report, as a code with the figures and host text its sentence needs.
 * The model and `--json` keep these; the one sentence per code is written in
 * views/present/parse-issues.ts, whose table does not compile without a sentence for each code.
 * Host text in `data` is already sanitized (excerpt/sanitize at the parse boundary).
 */

/** A systemctl unit column whose value is not one systemd prints. */
export interface UnitColumnProblem {
  column: 'UNIT' | 'LOAD' | 'ACTIVE' | 'SUB';
  value: string;
}

/** Why a mountinfo line is not mountinfo. */
export type MountLineProblem =
  | 'too-few-fields'
  | 'no-separator'
  | 'few-before-separator'
  | 'few-after-separator'
  | 'many-after-separator'
  | 'bad-id'
  | 'bad-major-minor'
  | 'relative-target'
  | 'bad-options';

/** Which line of the runtime-state section (containerd/CRI-O task bundles) is not as the probe prints it. */
export type RuntimeLineProblem = 'root' | 'pod-log' | 'link' | 'exit-status' | 'before-root' | 'pid' | 'config' | 'config-path' | 'mtime';

/** Why an os-release value could not be read as shell words. */
export type ShellValueProblem = 'single-quote' | 'double-quote' | 'trailing-text';

type Text = { text: string };
type None = Record<string, never>;

export interface IssueData {
  // probe bundle
  'section-unfinished': { section: string };
  'sections-dropped': { count: number; names: string[] };
  // cap of src/model/section-status.ts
  'more-issues': { count: number };
  // cgroups
  'cgroup-bad-uptime': Text;
  'cgroup-unknown-hierarchy': Text;
  'cgroup-file-before-root': Text;
  'cgroup-not-counter': Text;
  'cgroup-file-outside': { mount: string; text: string };
  'cgroup-too-deep': { skipped: number };
  'cgroup-bad-value': { file: string; value: string };
  // CRI log files
  'cri-bad-line': Text;
  // df
  'df-unknown-size-column': { column: string };
  'df-no-sizes': { text: string; cut: boolean };
  'df-no-name': Text;
  'df-no-type': Text;
  'df-no-header': None;
  // Docker Engine API answers
  'api-empty': { endpoint: string };
  'api-not-json': { endpoint: string; text: string };
  'api-line-not-json': { endpoint: string; text: string };
  'api-not-object': { endpoint: string };
  'api-not-list': { endpoint: string };
  'api-no-version': None;
  'api-server-error': Text;
  'api-entry-no-id': { entry: number };
  'api-inspect-no-id': None;
  // docker CLI output
  'cli-ps-no-id': None;
  'cli-info-message': Text;
  'cli-info-not-number': { field: string };
  'cli-info-no-fields': None;
  // an engine's answers as the model joins them
  'engine-no-info': None;
  'engine-no-list': None;
  // docker log frames
  'frame-header-cut': { bytes: number };
  'frame-not-frame': { byte: number };
  'frame-cut': { announced: number; received: number };
  // engines discovery
  'discovery-bad-socket': Text;
  'discovery-bad-tool': Text;
  'discovery-bad-userunit': Text;
  'discovery-unknown-line': Text;
  'discovery-unit-no-name': None;
  // identity
  'identity-not-key-value': Text;
  'identity-unreadable': { field: string; value: string };
  // journal JSON
  'journal-not-json': Text;
  'journal-not-object': None;
  // kube prerequisites
  'kube-bad-module': Text;
  'kube-bad-builtin': Text;
  'kube-bad-tool': Text;
  'kube-before-marker': Text;
  'kube-part-missing': { part: string };
  // meminfo
  'meminfo-not-field': Text;
  'meminfo-bad-value': { key: string; value: string };
  'meminfo-unknown-unit': { key: string; unit: string };
  'meminfo-no-total': None;
  'meminfo-no-free': None;
  'meminfo-available-zero': None;
  'meminfo-no-available': None;
  'meminfo-available-over-total': None;
  // mountinfo
  'mountinfo-bad-line': { problem: MountLineProblem; padded: boolean; text: string };
  'mountinfo-padded': Text;
  // os-release
  'os-release-not-key-value': Text;
  'os-release-bad-value': { key: string; problem: ShellValueProblem; text: string };
  // processes
  'ps-unknown-format': { name: string };
  'ps-stat-bad-line': Text;
  'ps-stat-cut': { pid: number };
  'ps-stat-no-rss': { pid: number };
  'ps-skipped-before-header': { count: number; text: string };
  'ps-no-header': None;
  'ps-no-header-assumed': { format: string };
  'ps-no-pid-column': None;
  'ps-no-ppid-column': None;
  'ps-short-line': { got: number; want: number; text: string };
  'ps-bad-pid': Text;
  'ps-cut-before-command': { pid: number };
  'ps-bad-rss': { pid: number; value: string };
  // container runtimes' task bundles (containerd, k3s, CRI-O)
  'runtime-bad-line': { problem: RuntimeLineProblem; text: string };
  'runtime-config-not-json': { task: string };
  // containerd's metadata store (meta.db)
  'meta-bad-line': Text;
  'meta-unreadable': { path: string; why: string };
  // pressure
  'psi-bad-kind': Text;
  'psi-bad-line': { kind: string; text: string };
  // proc-cpu
  'proc-cpu-bad-line': Text;
  // kernel limits, inotify holders
  'kernel-limits-bad-line': Text;
  'inotify-bad-line': Text;
  'psi-no-some': None;
  // /proc/stat
  'stat-bad-line': Text;
  'stat-bad-cpu': Text;
  // systemctl
  'systemctl-json-not-list': None;
  'systemctl-json-entry': { entry: number; problem: UnitColumnProblem | null };
  'systemctl-json-damaged': None;
  'systemctl-short-line': Text;
  'systemctl-not-unit': { problem: UnitColumnProblem; text: string };
  // vmstat
  'vmstat-bad-line': Text;
}

export type IssueCode = keyof IssueData;

/**
 * One problem found while parsing; the parser goes on (like findmnt's "parse error at line N -- ignored").
 * `line` is the 1-based line in the parsed text when the problem belongs to a line; `source` names the
 * engine whose answer it was found in.
 */
export type ParseIssue = {
  [K in IssueCode]: { code: K; data: IssueData[K]; line?: number; source?: string };
}[IssueCode];

/** An issue of `code` with its data, at `line` when it belongs to one. */
export function issue<K extends IssueCode>(code: K, data: IssueData[K], line?: number): ParseIssue {
  return (line === undefined ? { code, data } : { code, data, line }) as ParseIssue;
}
