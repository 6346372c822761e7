import type { DatasetPreview, ImportOptions, ImportSource } from '../../../../shared/contract/index.js';

export type PreviewCall = (input: {
  source: ImportSource;
  options?: ImportOptions;
}) => Promise<DatasetPreview>;

export interface PreviewOutcome {
  /**
   * The preview read with these options; when they failed, the last preview that worked, so the
   * columns (and their type pickers) stay on screen while the user mends the setting.
   */
  preview: DatasetPreview | undefined;
  /** Why these options could not be read; the preview above is then an older one. */
  error?: unknown;
  /** Each column's type as detected with these settings, whatever type the user chose for it. */
  detectedTypes: Record<string, string>;
}

/**
 * Reads import previews for the options dialog. A column type is keyed by column name, and a name
 * DuckDB does not find is an error, but names change with the settings (no header: column0…).
 * So the reader learns which columns each set of settings yields, and sends only the chosen types
 * whose columns exist there; a choice for a column that is gone is kept for when it comes back.
 */
export function createPreviewReader(call: PreviewCall) {
  /** By settings key: the column names those settings read, and each column's detected type. */
  const known = new Map<string, { names: string[]; detected: Record<string, string> }>();
  let lastGood: { order: number; preview: DatasetPreview } | undefined;
  let reads = 0;

  const learn = (key: string, preview: DatasetPreview, applied: Record<string, string>): void => {
    const detected = { ...known.get(key)?.detected };
    for (const column of preview.columns) {
      if (!(column.name in applied)) detected[column.name] = column.type;
    }
    known.set(key, { names: preview.columns.map((column) => column.name), detected });
  };

  return {
    async read(source: ImportSource, options: ImportOptions, signal?: AbortSignal): Promise<PreviewOutcome> {
      const order = ++reads;
      const { columnTypes: wanted = {}, ...settings } = previewSettings(options);
      const key = settingsKey(source, settings);
      try {
        if (!known.has(key) && Object.keys(wanted).length > 0) {
          // First sight of these settings: learn their columns before naming any.
          learn(key, await call(withOptions(source, settings)), {});
          if (signal?.aborted) throw signal.reason;
        }
        const applied = pickKnown(wanted, known.get(key)?.names);
        const preview = await call(
          withOptions(source, {
            ...settings,
            ...(Object.keys(applied).length > 0 ? { columnTypes: applied } : {}),
          }),
        );
        learn(key, preview, applied);
        // An older read that answers late never replaces what a newer one showed.
        if (!lastGood || order > lastGood.order) lastGood = { order, preview };
        return { preview, detectedTypes: known.get(key)?.detected ?? {} };
      } catch (error) {
        if (signal?.aborted) throw error;
        return { preview: lastGood?.preview, error, detectedTypes: known.get(key)?.detected ?? {} };
      }
    },

    /** The options to import with: the chosen types of the columns these settings read. */
    importOptions(source: ImportSource, options: ImportOptions): ImportOptions {
      const { columnTypes: wanted = {}, ...rest } = options;
      const { columnTypes: _ignored, ...settings } = previewSettings(options);
      const applied = pickKnown(wanted, known.get(settingsKey(source, settings))?.names);
      return { ...rest, ...(Object.keys(applied).length > 0 ? { columnTypes: applied } : {}) };
    },
  };
}

export type PreviewReader = ReturnType<typeof createPreviewReader>;

/** What a preview reads with: everything but the sample size, which only the import uses. */
export function previewSettings(options: ImportOptions): ImportOptions {
  const { sampleRows: _sample, ...settings } = options;
  return settings;
}

/** The chosen types whose columns exist; before the columns are known, every choice. */
function pickKnown(wanted: Record<string, string>, names: string[] | undefined): Record<string, string> {
  if (!names) return wanted;
  return Object.fromEntries(Object.entries(wanted).filter(([name]) => names.includes(name)));
}

function settingsKey(source: ImportSource, settings: ImportOptions): string {
  const sorted = Object.fromEntries(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([source, sorted]);
}

function withOptions(source: ImportSource, options: ImportOptions) {
  return { source, ...(Object.keys(options).length > 0 ? { options } : {}) };
}
