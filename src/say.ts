import { sanitizeLines } from '../parsers/sanitize.js';

/**
 * The one printer of cosi's own stderr lines (errors, progress, warnings): `cosi: ` before the
 * first line, and every line sanitized as a last pass, since error messages quote host names,
 * server answers and file names.
 */
export function sayText(message: string): string {
  return `cosi: ${sanitizeLines(message)}\n`;
}

export function say(message: string): void {
  process.stderr.write(sayText(message));
}
