/**
 * The IPC protocol details the preload and the Electron main process share beyond the contract's
 * `ipcChannels`. They belong in src/shared/contract/wire.ts; they live here until that file (owned
 * by the contract's maintainers) takes them, and main imports them from here.
 */

/** sendSync: the preload asks main to let the window name this path, which the user dropped or picked. */
export const grantPathChannel = 'mlw:grant-path';

/**
 * A subscription id is `<page>:<n>`: the page part is new on every load of the window, so events of a
 * subscription left over from a reloaded page can never be mistaken for the new page's.
 */
export const subscriptionIdPattern = /^([A-Za-z0-9-]{1,64}):(\d{1,9})$/;
