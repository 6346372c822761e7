/** A folder-safe, readable name: "Sales 2024 (EU).csv" -> "sales-2024-eu". */
export function slugify(name: string): string {
  const base = name
    .replace(/\.(csv|tsv|txt|parquet|json|ndjson)$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/g, '');
  return base.length > 0 ? base : 'dataset';
}

/** The first of slug, slug-2, slug-3 ... that `taken` does not hold. */
export function uniqueSlug(slug: string, taken: ReadonlySet<string>): string {
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n += 1) {
    const candidate = `${slug}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
