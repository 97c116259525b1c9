/** One probe section: its id, the sh body that prints it, and its bounds. */
export interface SectionSpec {
  id: string;
  /** What the user reads when the section fails: "could not read <title>". */
  title: string;
  script: string;
  /** Output beyond this many bytes is cut and the section marked truncated. */
  maxBytes: number;
  /** Host-side time bound (via `timeout` when the host has it); 0 = none. */
  timeoutSec: number;
  /** Needs root: wrapped in `sudo -n` when the user passed --sudo. */
  root?: boolean;
  /**
   * The body only reads kernel files (/proc) and shell builtins, so its output is finite: it is
   * captured without the byte-cap pipe (3 fewer processes per tick) and cut afterwards.
   */
  bounded?: boolean;
  /**
   * The body runs in the probe's own shell, as a function (no subshell, no process): builtins
   * only, it adds its lines with `_cosi_put LINE` / `_cosi_rd FILE`, returns its status, and uses
   * only `_`-prefixed variables. Never with `root` (sudo needs a process).
   */
  inline?: boolean;
  /** A builtin test run in the probe's shell: when it holds, the section answers absent (127) without running. */
  skipWhen?: string;
}
