import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir } from './sshd-fixture.js';

/**
 * terminalPrompts() on a real terminal: a small program runs under script(1)
 * (a pty); answers are typed only after the prompt appears on the screen.
 */
const ROOT = join(__dirname, '..', '..');
const dir = tempDir('cosi-ssh-tty-');
const prog = join(dir, 'ask.mts');
writeFileSync(
  prog,
  `import { terminalPrompts } from ${JSON.stringify(join(ROOT, 'src/transport/ssh/prompts.ts'))};
const p = terminalPrompts();
const a = await p.ask('Continue (yes/no)? ');
const s = await p.secret('Password: ');
process.stdout.write('\\nRESULT ' + JSON.stringify([a, s]) + '\\n');
process.exit(0);
`,
);
afterAll(cleanupTempDirs);

function onTerminal(steps: [string, string][]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `node --import tsx ${prog}`, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const todo = [...steps];
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString('utf8');
      while (todo.length > 0 && screen.includes(todo[0][0])) {
        const [, typed] = todo.shift()!;
        child.stdin.write(typed);
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no result; screen so far:\n${screen}`));
    }, 60000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(screen);
    });
  });
}

describe('terminal prompts', () => {
  it('echoes the visible answer, hides the secret, returns both', async () => {
    const screen = await onTerminal([
      ['Continue (yes/no)? ', 'yes\r'],
      ['Password: ', 'hunter2\r'],
    ]);
    expect(screen).toContain('RESULT ["yes","hunter2"]');
    expect(screen).toContain('Continue (yes/no)? yes');
    const afterPrompt = screen.slice(screen.indexOf('Password: '), screen.indexOf('RESULT'));
    expect(afterPrompt).not.toContain('hunter2');
  });

  it('backspace edits the hidden answer; Ctrl-D on an empty line gives no answer', async () => {
    const screen = await onTerminal([
      ['Continue (yes/no)? ', '\u0004'],
      ['Password: ', 'hunterX\u007f2\r'],
    ]);
    expect(screen).toContain('RESULT [null,"hunter2"]');
  });
});
