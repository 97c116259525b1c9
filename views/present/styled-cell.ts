import type { StyleCode } from './same-styles.js';

/** One cell of Ink's frame: a styled character as ansi-tokenize gives it. */
export interface StyledCell {
  type: string;
  value: string;
  fullWidth: boolean;
  styles: readonly StyleCode[];
}
