/// <reference lib="webworker" />
import { layoutGraph, type GraphLayout, type LayoutInput } from './layoutGraph.js';

export type LayoutReply = { ok: true; layout: GraphLayout } | { ok: false; message: string };

/** Lays out one graph per message, off the UI thread. */
self.onmessage = (event: MessageEvent<LayoutInput>) => {
  let reply: LayoutReply;
  try {
    reply = { ok: true, layout: layoutGraph(event.data) };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
