import type {
  Contract,
  ImportSource,
  ProcedureInput,
  ProcedureName,
  ProcedureOutput,
  StreamName,
  StreamPayload,
  Streams,
} from '../../shared/contract/index.js';
import type { ConnectionState, PrepareImportOptions, Transport } from './transport.js';

export type CallInput<N extends ProcedureName> = ProcedureInput<Contract[N]>;
export type CallOutput<N extends ProcedureName> = ProcedureOutput<Contract[N]>;
export type EventPayload<S extends StreamName> = StreamPayload<Streams[S]>;

/** The renderer's one way to reach the services, typed from the contract. */
export interface WorkbenchClient {
  readonly transport: Transport['kind'];
  call<N extends ProcedureName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  subscribe<S extends StreamName>(stream: S, listener: (payload: EventPayload<S>) => void): () => void;
  prepareImport(file: File, options?: PrepareImportOptions): Promise<ImportSource>;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  dispose(): void;
}

/**
 * The host validates every input and output against the contract, so the values that come back are
 * trusted to have the contract's shape; only the envelope is checked here (by the transport).
 */
export function createClient(transport: Transport): WorkbenchClient {
  return {
    transport: transport.kind,
    call: (name, input) => transport.invoke(name, input) as Promise<CallOutput<typeof name>>,
    subscribe: (stream, listener) =>
      transport.subscribe(stream, (payload) => listener(payload as EventPayload<typeof stream>)),
    prepareImport: (file, options) => transport.prepareImport(file, options),
    connectionState: () => transport.connectionState(),
    onConnectionChange: (listener) => transport.onConnectionChange(listener),
    dispose: () => transport.dispose(),
  };
}
