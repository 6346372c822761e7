/** Shows CR, LF and tab as ␍ ␊ ␉ so a value holding them can be read on one line. */
export function showInvisible(value: string): string {
  return value.replaceAll('\r', '␍').replaceAll('\n', '␊').replaceAll('\t', '␉');
}
