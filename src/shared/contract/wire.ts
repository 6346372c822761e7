import { z } from 'zod';
import { resultEnvelopeSchema } from './envelope.js';

/** Messages of the browser host's WebSocket; the Electron host carries the same over IPC. */
export const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('invoke'), id: z.number().int(), name: z.string(), input: z.unknown() }),
  z.object({ t: z.literal('subscribe'), id: z.number().int(), stream: z.string() }),
  z.object({ t: z.literal('unsubscribe'), id: z.number().int() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number().int(), envelope: resultEnvelopeSchema }),
  z.object({ t: z.literal('event'), id: z.number().int(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** IPC channel names of the Electron host. */
export const ipcChannels = {
  invoke: 'mlw:invoke',
  subscribe: 'mlw:subscribe',
  unsubscribe: 'mlw:unsubscribe',
  event: 'mlw:event',
  /** sendSync: the preload asks main to let the window name a path the user dropped or picked. */
  grantPath: 'mlw:grant-path',
} as const;

/**
 * An IPC subscription id is `<page>:<n>`: the page part is new on every load of the window, so events
 * of a subscription left over from a reloaded page can never be mistaken for the new page's.
 */
export const subscriptionIdPattern = /^([A-Za-z0-9-]{1,64}):(\d{1,9})$/;

/** Path of the browser host's upload endpoint; the body is the raw file. */
export const UPLOAD_PATH = '/api/upload';
/**
 * `PUT /api/upload?name=…&part=head` sends only the first bytes of a file, so the import dialog can
 * preview it while the whole file follows; the host previews such an upload but never imports it.
 */
export const UPLOAD_HEAD_PART = 'head';
/** The most a head upload may hold: a preview reads the first MiB, this leaves room. */
export const UPLOAD_HEAD_MAX_BYTES = 16 * 1024 * 1024;
export const RPC_PATH = '/api/rpc';
