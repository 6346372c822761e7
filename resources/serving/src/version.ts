import serverPackage from '../package.json' with { type: 'json' };

/** The server's own name and version, from resources/serving/package.json (inlined by the bundle). */
export const SERVER_NAME = serverPackage.name;
export const SERVER_VERSION = serverPackage.version;
