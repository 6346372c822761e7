/** A tensor value for display: whole numbers as they are, others to 6 significant digits or exponent. */
export function formatValue(value: number | string): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && Number.isFinite(abs) && (abs < 1e-4 || abs >= 1e6)
    ? value.toExponential(4)
    : String(Number(value.toPrecision(6)));
}
