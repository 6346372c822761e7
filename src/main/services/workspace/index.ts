export { openWorkspace, workspaceFolders, WORKSPACE_SCHEMA_VERSION } from './workspace.js';
export type { Workspace, WorkspaceFolder, WorkspaceManifest } from './workspace.js';
export { writeFileAtomic, writeJsonAtomic } from './atomicWrite.js';
export { confinePath, isInside } from './confine.js';
export { createUploadStore } from './uploads.js';
export type { TrustedSource, UploadStore } from './uploads.js';
export { defaultWorkspaceRoot } from './defaultRoot.js';
export { sweepStaleScratch } from './scratchSweep.js';
