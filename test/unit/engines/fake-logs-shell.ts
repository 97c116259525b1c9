// A target's shell as a logs script sees it, for tests of the reads that go on through the Engine API.

/** A shell that answers each `_cl KEY ...` step of a logs script as `answers` says (null: the step did not run, no journalctl). */
export function fakeShell(answers: (key: string, line: string) => { out?: string; rc?: number; err?: string } | null) {
  const scripts: string[] = [];
  return {
    scripts,
    run: async (script: string, terminator: string) => {
      scripts.push(script);
      const f = terminator.replace(/:DONE$/, '');
      let out = '';
      for (const line of script.split('\n')) {
        const m = /(?:^|\s)_cl ([\w-]+) /.exec(line);
        if (!m || line.startsWith('_cl()')) continue;
        const a = answers(m[1]!, line);
        if (a === null) continue;
        out += `\n${f}:B:${m[1]}\n${a.out ?? ''}\n${f}:E:${a.rc ?? 0}:${m[1]}\n${a.err ?? ''}\n${f}:F:${m[1]}\n`;
      }
      return `${out}\n${terminator}\n`;
    },
  };
}

export const discovery = (extra = '') => ({ out: `socket /var/run/docker.sock rw\nsocket /var/run/system-docker.sock denied\ntool docker /usr/bin/docker\ntool sudo /usr/bin/sudo\n${extra}init sh\n` });

