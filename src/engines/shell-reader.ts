import { parseJsonLines } from '../../parsers/docker-api.js';
import { isObj } from '../../parsers/json.js';
import { shQuote } from '../probe/build.js';
import type { RawEngine } from '../snapshot/types.js';
import { describeFailure } from './errors.js';
import { socketAt, type EnginePlanEntry } from './plan.js';

/**
 * The shell path (`--via`, `--sudo`): ONE POSIX sh script reads every shell
 * engine through the docker CLI (`--format '{{json .}}'`) or `curl
 * --unix-socket`, prefixed with `sudo -n` for root-only sockets (never
 * prompts). Answers are stored under the API path keys ("/version",
 * "/info", "/containers/json?all=1", "/containers/<id>/json") so one set of
 * parsers serves both paths.
 *
 * Frames, per step (nonce fresh per call, so host output cannot forge one):
 *   @@COSIENG:<nonce>:B:<engine>:<key>      stdout follows
 *   @@COSIENG:<nonce>:E:<engine>:<rc>:<key> stderr follows
 *   @@COSIENG:<nonce>:F:<engine>            step ends
 *   @@COSIENG:<nonce>:DONE                  script ends
 */
export const ENGINE_FRAME = '@@COSIENG';

export function engineTerminator(nonce: string): string {
  return `${ENGINE_FRAME}:${nonce}:DONE`;
}

/**
 * Keys of the answers; "inspect" is the CLI's one-line-per-container answer, split by id when read;
 * "cut" says the inspect budget ran out in that engine.
 */
const K = { version: '/version', info: '/info', list: '/containers/json?all=1', inspect: 'inspect', cut: 'cut' } as const;

/**
 * `inspectBytes`: what all inspect answers of the script may take together (the shell's share of
 * the tick's engine total). Past it, containers show from the list alone and a "cut" step says so.
 */
export function buildEngineScript(entries: { index: number; entry: EnginePlanEntry }[], nonce: string, inspectBytes = 56 * 1024 * 1024): string {
  const f = `${ENGINE_FRAME}:${nonce}`;
  const out = [
    'exec 4>&1',
    // _cosi_es ENGINE KEY CMD...: frame one command; its stdout goes straight to the channel, its stderr is framed after it.
    `_cosi_es() { _ce_i=$1; _ce_k=$2; shift 2; printf '\\n%s:B:%s:%s\\n' ${shQuote(f)} "$_ce_i" "$_ce_k";` +
      ` _ce_e=$( "$@" </dev/null 2>&1 1>&4 ); _ce_rc=$?;` +
      ` printf '\\n%s:E:%s:%s:%s\\n%s\\n%s:F:%s\\n' ${shQuote(f)} "$_ce_i" "$_ce_rc" "$_ce_k" "$_ce_e" ${shQuote(f)} "$_ce_i"; return $_ce_rc; }`,
    // _cosi_ec ENGINE KEY CMD...: an inspect answer within what is left of the budget (_ce_left, in this
    // shell, not a subshell): 2 once the budget is spent (a "cut" step is framed), 1 when it printed nothing.
    `_ce_left=${Math.max(0, Math.floor(inspectBytes))}`,
    `_cosi_ec() { _cc_i=$1; _cc_k=$2; shift 2;` +
      ` if [ "$_ce_left" -le 0 ]; then _cosi_es "$_cc_i" ${K.cut} true; return 2; fi;` +
      ` _cc_o=$( "$@" </dev/null 2>/dev/null | head -c "$_ce_left" ); [ -n "$_cc_o" ] || return 1;` +
      ` _ce_left=$(( _ce_left - $(printf '%s\\n' "$_cc_o" | wc -c) ));` +
      ` _cosi_es "$_cc_i" "$_cc_k" printf '%s\\n' "$_cc_o";` +
      ` if [ "$_ce_left" -le 0 ]; then _cosi_es "$_cc_i" ${K.cut} true; return 2; fi; }`,
  ];
  for (const { index, entry } of entries) {
    const m = entry.method;
    if (m.kind !== 'cli' && m.kind !== 'curl') continue;
    // GNU timeout when the probe found it in this shell (busybox's holds pipes open; the transport's deadline bounds those).
    const pre = `\${_cosi_to:+$_cosi_to 15} ${m.sudo ? 'sudo -n ' : ''}${shQuote(m.tool)}`;
    const sock = shQuote(socketAt(entry));
    const i = String(index);
    if (m.kind === 'cli') {
      const d = `${pre} -H ${shQuote(`unix://${socketAt(entry)}`)}`;
      out.push(
        `if _cosi_es ${i} ${K.version} ${d} version --format '{{json .Server}}'; then`,
        // A client too old for --format on info prints the text form, which parseAnyInfo also reads.
        `  _cosi_es ${i} ${K.info} ${d} info --format '{{json .}}' || _cosi_es ${i} ${K.info} ${d} info`,
        // ps output is both printed and kept to take the ids for inspect.
        `  _ce_ps=$(${d} ps -a --no-trunc --format '{{json .}}' </dev/null 2>/dev/null)`,
        `  _cosi_es ${i} ${shQuote(K.list)} printf '%s\\n' "$_ce_ps"`,
        `  _ce_ids=$(printf '%s\\n' "$_ce_ps" | sed -n 's/.*"ID":"\\([0-9a-f]*\\)".*/\\1/p')`,
        `  [ -n "$_ce_ids" ] && _cosi_ec ${i} ${K.inspect} ${d} inspect --format '{{json .}}' $_ce_ids`,
        'fi',
      );
    } else {
      const c = `${pre} -sS --max-time 10 --unix-socket ${sock}`;
      out.push(
        `if _cosi_es ${i} ${K.version} ${c} http://d/version; then`,
        `  _cosi_es ${i} ${K.info} ${c} http://d/info`,
        `  _ce_ps=$(${c} 'http://d/containers/json?all=1' </dev/null 2>/dev/null)`,
        `  _cosi_es ${i} ${shQuote(K.list)} printf '%s\\n' "$_ce_ps"`,
        `  for _ce_id in $(printf '%s\\n' "$_ce_ps" | grep -o '"Id":"[0-9a-f]*"' | sed 's/.*:"\\(.*\\)"/\\1/'); do`,
        `    _cosi_ec ${i} "/containers/$_ce_id/json" ${c} "http://d/containers/$_ce_id/json"; [ $? -eq 2 ] && break`,
        '  done',
        'fi',
      );
    }
  }
  out.push(`printf '\\n%s\\n' ${shQuote(engineTerminator(nonce))}`);
  return out.join('\n') + '\n';
}

export interface EngineStep {
  engine: number;
  key: string;
  rc: number | null;
  out: string;
  err: string;
}

/** Reads the framed answer of buildEngineScript. A step cut off (timeout) has rc null. */
export function readEngineSteps(output: string, nonce: string): EngineStep[] {
  const f = `${ENGINE_FRAME}:${nonce}:`;
  const steps: EngineStep[] = [];
  let pos = 0;
  for (;;) {
    const b = output.indexOf(`${f}B:`, pos);
    if (b < 0) break;
    const headEnd = output.indexOf('\n', b);
    if (headEnd < 0) break;
    const head = output.slice(b + f.length + 2, headEnd);
    const colon = head.indexOf(':');
    const engine = Number(head.slice(0, colon));
    const key = head.slice(colon + 1);
    const e = output.indexOf(`\n${f}E:${engine}:`, headEnd);
    if (e < 0) {
      steps.push({ engine, key, rc: null, out: output.slice(headEnd + 1), err: '' });
      break;
    }
    const eEnd = output.indexOf('\n', e + 1);
    const trailer = output.slice(e + 1 + f.length + 2, eEnd < 0 ? undefined : eEnd);
    const rcText = trailer.split(':')[1] ?? '';
    const fin = output.indexOf(`\n${f}F:${engine}\n`, eEnd < 0 ? e : eEnd - 1);
    const err = eEnd < 0 ? '' : output.slice(eEnd + 1, fin < 0 ? undefined : fin);
    steps.push({ engine, key, rc: /^\d+$/.test(rcText) ? Number(rcText) : null, out: output.slice(headEnd + 1, e), err });
    if (fin < 0) break;
    pos = fin + 1;
  }
  return steps;
}

/** Turns the steps of one engine into its RawEngine (answers under the API keys). `capBytes`: the tick's engine total, named when cut. */
export function rawEngineFromSteps(entry: EnginePlanEntry, steps: EngineStep[], capBytes = 64 * 1024 * 1024): RawEngine {
  const via = entry.method.kind === 'curl' ? 'curl' : 'cli';
  const raw: RawEngine = { socket: entry.socket, name: entry.name, via, answers: {} };
  const version = steps.find((s) => s.key === K.version);
  if (!version) {
    raw.failure = { code: 'no-answer' };
    return raw;
  }
  if (version.rc !== 0 || !version.out.trim().startsWith('{')) {
    raw.failure = describeFailure(version.err || version.out || `exit ${version.rc ?? '?'}`);
    return raw;
  }
  for (const s of steps) {
    if (s.key === K.inspect) {
      // One JSON object per line, in the order of the ids; key each by its own Id.
      const objs = parseJsonLines(s.out, 'docker inspect').value;
      const texts = s.out.split('\n').filter((l) => l.trim().startsWith('{'));
      objs.forEach((o, i) => {
        if (isObj(o) && typeof o.Id === 'string' && texts[i] !== undefined) raw.answers[`/containers/${o.Id}/json`] = texts[i];
      });
      continue;
    }
    if (s.key === K.cut) continue;
    if (s.rc === 0) raw.answers[s.key] = s.out;
  }
  if (steps.some((s) => s.key === K.cut)) {
    // The ids the script itself took from the list (docker CLI lines or the API's array).
    const listed = (raw.answers[K.list] ?? '').match(/"I[Dd]":"[0-9a-f]+"/g)?.length ?? 0;
    const inspected = Object.keys(raw.answers).filter((k) => /^\/containers\/[^/]+\/json$/.test(k)).length;
    if (listed > inspected) raw.cut = { containers: listed - inspected, capBytes };
  }
  return raw;
}
