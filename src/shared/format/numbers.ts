/** Number rendering shared by the renderer and the CLI, so both show the same figures. */
const numberFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const countFormat = new Intl.NumberFormat('en-US');

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return Math.abs(value) >= 1e15 || (value !== 0 && Math.abs(value) < 1e-4) ? value.toExponential(3) : numberFormat.format(value);
}

export function formatCount(value: number): string {
  return countFormat.format(value);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
