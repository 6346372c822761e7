import { useEffect, useState } from 'react';
import type { GraphModel } from './graphModel.js';
import type { LayoutReply } from './layout.worker.js';
import LayoutWorker from './layout.worker.js?worker';
import { layoutInput, type GraphLayout } from './layoutGraph.js';

export type LayoutState =
  | { status: 'running' }
  | {
      status: 'done';
      layout: GraphLayout;
      /** From posting the graph to the answer, transfer included. */ totalMs: number;
    }
  | { status: 'error'; message: string };

/** Lays the graph out in a Web Worker of its own; a newer graph or unmounting ends the old worker. */
export function useGraphLayout(model: GraphModel): LayoutState {
  const [state, setState] = useState<{ model: GraphModel; value: LayoutState } | null>(null);
  useEffect(() => {
    const startedAt = performance.now();
    const worker = new LayoutWorker();
    worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      const reply = event.data;
      setState({
        model,
        value: reply.ok
          ? { status: 'done', layout: reply.layout, totalMs: performance.now() - startedAt }
          : { status: 'error', message: reply.message },
      });
      worker.terminate();
    };
    worker.onerror = (event) => {
      setState({ model, value: { status: 'error', message: event.message || 'The layout worker failed.' } });
      worker.terminate();
    };
    worker.postMessage(layoutInput(model));
    return () => worker.terminate();
  }, [model]);
  if (state === null || state.model !== model) return { status: 'running' };
  return state.value;
}
