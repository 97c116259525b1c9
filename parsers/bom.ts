/** A UTF-8 byte-order mark (from a file edited on another system) is dropped once, at the start only. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
