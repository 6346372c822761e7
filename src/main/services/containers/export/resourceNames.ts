import { createHash } from 'node:crypto';

const HASH_LENGTH = 8;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * An RFC 1035 label (lowercase letters, digits and '-', starting with a letter, at most
 * `maxLength`): what a Service name must be, and so what every object of one model is called.
 * A name cut short, or with nothing usable in it, gets a hash of the original, so two long names
 * that share a beginning stay apart.
 */
export function resourceName(raw: string, maxLength = 63): string {
  const cleaned = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!cleaned) return `model-${shortHash(raw)}`;
  const named = /^[a-z]/.test(cleaned) ? cleaned : `model-${cleaned}`;
  if (named.length <= maxLength) return named;
  const kept = named.slice(0, maxLength - HASH_LENGTH - 1).replace(/-+$/, '');
  return `${kept}-${shortHash(raw)}`;
}

/** A label value: at most 63 of letters, digits, '-', '_' and '.', starting and ending alphanumeric. */
export function labelValue(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (cleaned.length <= 63) return cleaned;
  return `${cleaned.slice(0, 63 - HASH_LENGTH - 1).replace(/[^A-Za-z0-9]+$/, '')}-${shortHash(raw)}`;
}
