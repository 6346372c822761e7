import type { ImportSource } from '../../shared/contract/datasets.js';
import type { TrustedSource } from '../services/workspace/index.js';

/**
 * Who is calling, and what that caller may name. The hosts build it: the CLI is the user's own shell
 * and may name any path; a window (Electron or browser) is confined to the workspace and its uploads.
 */
export interface CallerContext {
  readonly host: 'electron' | 'browser' | 'cli';
  /** Turns an import source from this caller into a file the services may read, or throws. */
  resolveSource(source: ImportSource): Promise<TrustedSource>;
}
