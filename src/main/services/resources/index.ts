/** Finding the folders of resources/ (samples, converter scripts) in development and packaged. */
export { findResourceDir, type ResourceDirOptions } from './findResourceDir.js';
