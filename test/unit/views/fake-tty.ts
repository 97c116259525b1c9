import { EventEmitter } from 'node:events';

/** A 100x30 terminal for startTui: keeps what was written, and each write apart. */
export class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  out = '';
  writes: string[] = [];
  write = (s: string) => {
    this.out += s;
    this.writes.push(s);
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  press(s: string) {
    this.data = s;
    this.emit('readable');
    this.emit('data', s);
  }
}
