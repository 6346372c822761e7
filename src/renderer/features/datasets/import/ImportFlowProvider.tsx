import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  isCancellation,
  type ImportOptions,
  type ImportSource,
  type Job,
} from '../../../../shared/contract/index.js';
import { navigate, useRoute } from '../../../app/navigation/route.js';
import { useClient } from '../../../app/query/clientContext.js';
import { callKey, useCall } from '../../../app/query/useCall.js';
import { waitForJob } from '../../../app/query/waitForJob.js';
import { IDLE, type ImportState } from './importState.js';
import { ImportOptionsDialog } from './ImportOptionsDialog.js';
import { importOutcome } from './jobOutcome.js';

interface ImportFlow {
  state: ImportState;
  /** Uploads (browser host) or grants the file, then asks for the import options. */
  start: (file: File) => void;
  /** Imports the file waiting in the options dialog, with what the user chose. */
  confirm: (options: ImportOptions) => void;
  cancel: () => void;
  dismiss: () => void;
}

const ImportFlowContext = createContext<ImportFlow | undefined>(undefined);

/**
 * Owns the import the user started, above the screens, so leaving the Data section loses neither its
 * progress nor its error. A file goes: upload (browser host only) → the options dialog (which
 * previews it with `datasets.preview`) → `datasets.import` → its job, whose progress arrives
 * through the jobs.updated cache.
 */
export function ImportFlowProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ImportState>(IDLE);
  const running = useRef<{ upload: AbortController; jobId?: string } | undefined>(undefined);
  const route = useRoute();
  const onDataScreen = useRef(false);
  useEffect(() => {
    onDataScreen.current = route.section === 'data';
  }, [route.section]);

  const flow = useMemo<ImportFlow>(() => {
    const prepare = async (file: File, upload: AbortController): Promise<void> => {
      const source = await client.prepareImport(file, {
        signal: upload.signal,
        onProgress: ({ sentBytes, totalBytes }) =>
          setState((current) =>
            current.phase === 'uploading' ? { ...current, sentBytes, totalBytes } : current,
          ),
      });
      setState({ phase: 'options', fileName: file.name, sizeBytes: file.size, source });
    };

    const importFile = async (
      fileName: string,
      source: ImportSource,
      options: ImportOptions,
    ): Promise<void> => {
      const hasOptions = Object.keys(options).length > 0;
      const started = await client.call('datasets.import', { source, ...(hasOptions ? { options } : {}) });
      // An event may have overtaken this answer; the newer snapshot wins.
      queryClient.setQueryData(
        callKey('jobs.get', { id: started.id }),
        (known: Job | undefined) => known ?? started,
      );
      if (running.current) running.current.jobId = started.id;
      setState({ phase: 'importing', fileName, jobId: started.id });

      const outcome = importOutcome(await waitForJob(queryClient, started.id));
      if (outcome.kind === 'failed') {
        setState({ phase: 'failed', fileName, error: outcome.error });
        return;
      }
      setState(IDLE);
      if (outcome.kind === 'cancelled') {
        notifications.show({ message: `Import of ${fileName} cancelled.` });
        return;
      }
      await queryClient.invalidateQueries({ queryKey: ['datasets.list'] });
      // Open the new data set, unless the user has gone to another section meanwhile.
      if (onDataScreen.current) navigate({ section: 'data', item: outcome.slug });
      else notifications.show({ title: 'Import finished', message: `${fileName} is now in Data.` });
    };

    const settle = (fileName: string, work: Promise<void>, keepRunning: boolean): void => {
      work
        .catch((error: unknown) => {
          if (isCancellation(error)) {
            setState(IDLE);
            notifications.show({ message: `Import of ${fileName} cancelled.` });
          } else {
            setState({ phase: 'failed', fileName, error });
          }
          running.current = undefined;
        })
        .finally(() => {
          if (!keepRunning) running.current = undefined;
        });
    };

    return {
      state,
      start: (file) => {
        if (running.current) return;
        const upload = new AbortController();
        running.current = { upload };
        setState({ phase: 'uploading', fileName: file.name, sentBytes: 0, totalBytes: file.size });
        // Still running while the options dialog is open: one import per window at a time.
        settle(file.name, prepare(file, upload), true);
      },
      confirm: (options) => {
        if (state.phase !== 'options') return;
        settle(state.fileName, importFile(state.fileName, state.source, options), false);
      },
      cancel: () => {
        const current = running.current;
        if (!current) return;
        if (state.phase === 'options') {
          // Nothing has started on the services' side; a browser upload is the workbench's own
          // copy, so it goes now rather than waiting for the start-up sweep of stale scratch.
          if (state.source.kind === 'upload') {
            client.call('datasets.discardUpload', { uploadId: state.source.uploadId }).catch(() => undefined);
          }
          running.current = undefined;
          setState(IDLE);
          return;
        }
        if (current.jobId === undefined) {
          current.upload.abort();
          return;
        }
        client.call('jobs.cancel', { id: current.jobId }).catch((error: unknown) => {
          notifications.show({
            color: 'red',
            title: 'The import could not be cancelled',
            message: String(error),
          });
        });
      },
      dismiss: () => {
        setState((current) => (current.phase === 'failed' ? IDLE : current));
      },
    };
  }, [client, queryClient, state]);

  return (
    <ImportFlowContext.Provider value={flow}>
      {children}
      {state.phase === 'options' && (
        <ImportOptionsDialog
          // A new file starts from its own detected settings.
          key={JSON.stringify(state.source)}
          fileName={state.fileName}
          sizeBytes={state.sizeBytes}
          source={state.source}
          onImport={flow.confirm}
          onCancel={flow.cancel}
        />
      )}
    </ImportFlowContext.Provider>
  );
}

export function useImportFlow(): ImportFlow {
  const flow = useContext(ImportFlowContext);
  if (!flow) throw new Error('useImportFlow needs an ImportFlowProvider above it.');
  return flow;
}

/** The job of the import in progress, kept current by jobs.updated events. */
export function useImportJob(): Job | undefined {
  const { state } = useImportFlow();
  const jobId = state.phase === 'importing' ? state.jobId : '';
  return useCall('jobs.get', { id: jobId }, { enabled: jobId !== '', staleTime: Number.POSITIVE_INFINITY })
    .data;
}
