/**
 * Number, size, time and date formatting for tables. Every function takes an optional locale so tests
 * pin one; the app passes none and follows the user's.
 */

/**
 * Building an Intl.NumberFormat costs about 70 µs, formatting with one about 1 µs; a report of
 * thousands of columns formats hundreds of thousands of numbers, so each formatter is made once per
 * options object (the constants below) and locale.
 */
const formatters = new WeakMap<Intl.NumberFormatOptions, Map<string | undefined, Intl.NumberFormat>>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let byLocale = formatters.get(options);
  if (!byLocale) {
    byLocale = new Map();
    formatters.set(options, byLocale);
  }
  let formatter = byLocale.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    byLocale.set(locale, formatter);
  }
  return formatter;
}

const SCIENTIFIC: Intl.NumberFormatOptions = { notation: 'scientific', maximumSignificantDigits: 4 };
const FOUR_SIGNIFICANT: Intl.NumberFormatOptions = { maximumSignificantDigits: 4 };
const DECIMALS: Intl.NumberFormatOptions[] = [0, 1, 2, 3, 4].map((digits) => ({
  maximumFractionDigits: digits,
}));
/** At most this many decimals (0..4 share formatters). */
const upTo = (digits: number): Intl.NumberFormatOptions =>
  DECIMALS[digits] ?? { maximumFractionDigits: digits };
const ONE_DECIMAL: Intl.NumberFormatOptions = { maximumFractionDigits: 1, minimumFractionDigits: 1 };

const SMALL = 1e-6;
const LARGE = 1e15;
const SIGNIFICANT = 6;

/** Integers with thousands separators: 25,000. */
export function formatCount(value: number, locale?: string): string {
  return numberFormat(locale, upTo(0)).format(value);
}

/**
 * A measured value to about six significant digits, with at most 4 decimals and never rounding the
 * integer part (67.9931, 288.819, 3,538.04, 1,234,568, 0.0001235); exponent notation only for
 * magnitudes a table column cannot hold.
 */
export function formatNumber(value: number, locale?: string): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= LARGE || magnitude < SMALL) {
    return numberFormat(locale, SCIENTIFIC).format(value);
  }
  if (magnitude < 1) return numberFormat(locale, FOUR_SIGNIFICANT).format(value);
  const integerDigits = Math.floor(Math.log10(magnitude)) + 1;
  const decimals = Math.max(0, Math.min(4, SIGNIFICANT - integerDigits));
  return numberFormat(locale, upTo(decimals)).format(value);
}

/** A text value that may hold a number (min and max are sent as text); numbers get formatNumber. */
export function formatMaybeNumber(text: string, locale?: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return text;
  return formatNumber(Number(trimmed), locale);
}

/** Percent of a whole, 0..100: "0%", "<0.1%", "12.5%". */
export function formatPercent(percent: number, locale?: string): string {
  if (percent === 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  return `${numberFormat(locale, upTo(1)).format(percent)}%`;
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** Sizes in SI units, as file managers show them: 950 B, 1.2 MB, 3.4 GB. */
export function formatBytes(bytes: number, locale?: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numberFormat(locale, upTo(digits)).format(value)} ${BYTE_UNITS[unit]}`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * Memory in binary units, as Docker sets limits (`--memory 256m` is 256 MiB) and `docker stats`
 * reports them: 512 B, 21.4 MiB, 256 MiB, 1.5 GiB.
 */
export function formatBinaryBytes(bytes: number, locale?: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numberFormat(locale, upTo(digits)).format(value)} ${BINARY_UNITS[unit]}`;
}

/** Elapsed time: "<0.1 s", "0.4 s", "12 s", "3 min 04 s", "1 h 02 min". */
export function formatDuration(ms: number, locale?: string): string {
  if (ms < 50) return '<0.1 s';
  if (ms < 9_950) {
    return `${numberFormat(locale, ONE_DECIMAL).format(ms / 1000)} s`;
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A day as the user's locale writes it. */
export function formatDate(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** A timestamp as the user's locale writes it, to the minute. */
export function formatDateTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
