/** Turns Ink's useInput arguments into the canonical key names of the key table. */
export interface InkKey {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

export function keyName(input: string, key: InkKey): string | null {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl) return input ? `ctrl-${input.toLowerCase()}` : null;
  if (input === ' ') return 'space';
  if (input.length >= 1) return input;
  return null;
}

/**
 * All key names in one read. Several plain characters can arrive together
 * (fast typing while a frame renders, a paste, a slow link to the user's
 * terminal): each is a key of its own. Special keys come one per read.
 */
export function keyNames(input: string, key: InkKey): string[] {
  const plain = !key.ctrl && !key.escape && !key.return && !key.tab && !key.backspace && !key.delete;
  if (plain && input.length > 1 && !input.startsWith('\u001b')) {
    return Array.from(input, (ch) => (ch === ' ' ? 'space' : ch === '\r' || ch === '\n' ? 'enter' : ch));
  }
  const one = keyName(input, key);
  return one ? [one] : [];
}
