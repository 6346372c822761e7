import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../../../../shared/contract/profile.js';
import { sqlString, type DuckDbSession, type RunOptions } from '../../duckdb/index.js';
import { profileRelation, type DuckDbConnections, type ProfileInput } from './buildProfile.js';
import type { RaggedRowsSummary } from './lint.js';
import { scaled } from './progress.js';

/**
 * Profiles any source DuckDB reads (a CSV especially) without importing it: one scan converts it
 * to a Parquet file in scratch, so the profile's passes read compact columns instead of parsing
 * the text again each time; the scratch folder is removed whatever happens.
 */
export async function profileInPlace(
  db: DuckDbConnections,
  source: {
    relationSql: string;
    /** Read on the copy's own connection right after it: rows the reader left out for their shape. */
    raggedRows?: (session: DuckDbSession) => Promise<RaggedRowsSummary>;
  },
  scratchDir: string,
  input: ProfileInput,
  options: RunOptions = {},
): Promise<Profile> {
  await mkdir(scratchDir, { recursive: true });
  try {
    const parquet = join(scratchDir, 'profile.parquet');
    const started = performance.now();
    const raggedRows = await db.withConnection(async (session) => {
      await session.run(
        // Snappy, not zstd: this copy lives only as long as the profile, and zstd costs a third more time.
        `COPY (SELECT * FROM ${source.relationSql}) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION snappy)`,
        scaled(options, 0, 0.3),
      );
      return source.raggedRows?.(session);
    });
    const convertMs = Math.round(performance.now() - started);
    const profile = await profileRelation(
      db,
      `read_parquet(${sqlString(parquet)})`,
      { ...input, parquetSizeBytes: (await stat(parquet)).size, ...(raggedRows ? { raggedRows } : {}) },
      scaled(options, 0.3, 0.7),
    );
    return {
      ...profile,
      passes: [{ name: 'read source → Parquet', ms: convertMs }, ...profile.passes],
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}
