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
import { startUploadSession, type UploadSession } from './uploadSession.js';

interface ImportFlow {
  state: ImportState;
  /** Uploads (browser host) or grants the file, then asks for the import options. */
  start: (file: File) => void;
  /**
   * Imports the file waiting in the options dialog, with what the user chose; while the whole file
   * is still uploading, the import is queued and starts when it arrives.
   */
  confirm: (options: ImportOptions) => void;
  cancel: () => void;
  dismiss: () => void;
}

const ImportFlowContext = createContext<ImportFlow | undefined>(undefined);

/** One picked file, from upload to finished import. */
interface Run {
  id: number;
  fileName: string;
  session: UploadSession;
  jobId?: string;
  /** Import chosen while the whole file was still uploading. */
  queued?: ImportOptions;
}

let nextRun = 1;

type OptionsState = Extract<ImportState, { phase: 'options' }>;

/**
 * Owns the import the user started, above the screens, so leaving the Data section loses neither its
 * progress nor its error. A file goes: upload (browser host only; a big text file sends its head
 * first, so the dialog can preview it while the rest uploads) → the options dialog (which previews
 * it with `datasets.preview`) → `datasets.import` → its job, whose progress arrives through the
 * jobs.updated cache.
 */
export function ImportFlowProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ImportState>(IDLE);
  const running = useRef<Run | undefined>(undefined);
  const route = useRoute();
  const onDataScreen = useRef(false);
  useEffect(() => {
    onDataScreen.current = route.section === 'data';
  }, [route.section]);

  const flow = useMemo<ImportFlow>(() => {
    /** Only the run still in hand may change what the window shows. */
    const update = (run: Run, next: ImportState | ((current: ImportState) => ImportState)): void => {
      if (running.current === run) setState(next);
    };
    const finish = (run: Run, next: ImportState): void => {
      if (running.current !== run) return;
      running.current = undefined;
      setState(next);
    };

    const importFile = async (run: Run, source: ImportSource, options: ImportOptions): Promise<void> => {
      const { fileName } = run;
      run.session.releaseHead();
      const hasOptions = Object.keys(options).length > 0;
      const started = await client.call('datasets.import', { source, ...(hasOptions ? { options } : {}) });
      // An event may have overtaken this answer; the newer snapshot wins.
      queryClient.setQueryData(
        callKey('jobs.get', { id: started.id }),
        (known: Job | undefined) => known ?? started,
      );
      run.jobId = started.id;
      update(run, { phase: 'importing', fileName, jobId: started.id });

      const outcome = importOutcome(await waitForJob(queryClient, started.id));
      if (outcome.kind === 'failed') {
        finish(run, { phase: 'failed', fileName, error: outcome.error });
        return;
      }
      finish(run, IDLE);
      if (outcome.kind === 'cancelled') {
        notifications.show({ message: `Import of ${fileName} cancelled.` });
        return;
      }
      await queryClient.invalidateQueries({ queryKey: ['datasets.list'] });
      // Open the new data set, unless the user has gone to another section meanwhile.
      if (onDataScreen.current) navigate({ section: 'data', item: outcome.slug });
      else notifications.show({ title: 'Import finished', message: `${fileName} is now in Data.` });
    };

    const fail = (run: Run, error: unknown): void => {
      if (running.current !== run) return;
      if (isCancellation(error)) {
        finish(run, IDLE);
        notifications.show({ message: `Import of ${run.fileName} cancelled.` });
      } else {
        finish(run, { phase: 'failed', fileName: run.fileName, error });
      }
    };

    const startImport = (run: Run, source: ImportSource, options: ImportOptions): void => {
      importFile(run, source, options).catch((error: unknown) => fail(run, error));
    };

    return {
      state,
      start: (file) => {
        if (running.current) return;
        const id = nextRun++;
        const optionsState = (previewSource: ImportSource, extra: Partial<OptionsState>): OptionsState => ({
          phase: 'options',
          run: id,
          fileName: file.name,
          sizeBytes: file.size,
          previewSource,
          ...extra,
        });
        // Filled in just below; the session reports only after the host answers, never before.
        const self: { run?: Run } = {};
        const session = startUploadSession(file, {
          prepare: (picked, prepareOptions) => client.prepareImport(picked, prepareOptions),
          discardUpload: (uploadId) => {
            client.call('datasets.discardUpload', { uploadId }).catch(() => undefined);
          },
          onPreviewable: (head) => {
            if (!self.run) return;
            update(self.run, (current) =>
              current.phase === 'uploading' && !current.queued
                ? optionsState(head, {
                    upload: { sentBytes: current.sentBytes, totalBytes: current.totalBytes },
                  })
                : current,
            );
          },
          onProgress: ({ sentBytes, totalBytes }) => {
            if (!self.run) return;
            update(self.run, (current) => {
              if (current.phase === 'uploading') return { ...current, sentBytes, totalBytes };
              if (current.phase === 'options' && current.upload) {
                return { ...current, upload: { sentBytes, totalBytes } };
              }
              return current;
            });
          },
        });
        const started: Run = { id, fileName: file.name, session };
        self.run = started;
        running.current = started;
        setState({
          phase: 'uploading',
          fileName: file.name,
          sentBytes: 0,
          totalBytes: file.size,
          queued: false,
        });
        session.done.then(
          (source) => {
            if (running.current !== started) return;
            if (started.queued) {
              startImport(started, source, started.queued);
              return;
            }
            // The preview moves to the whole file (a Parquet or JSON file can only be read whole).
            update(started, optionsState(source, { source }));
          },
          (error: unknown) => fail(started, error),
        );
      },
      confirm: (options) => {
        const run = running.current;
        if (state.phase !== 'options' || !run || run.id !== state.run) return;
        if (state.source) {
          startImport(run, state.source, options);
          return;
        }
        run.queued = options;
        setState({
          phase: 'uploading',
          fileName: state.fileName,
          sentBytes: state.upload?.sentBytes ?? 0,
          totalBytes: state.upload?.totalBytes ?? state.sizeBytes,
          queued: true,
        });
      },
      cancel: () => {
        const run = running.current;
        if (!run) return;
        if (run.jobId === undefined) {
          // Nothing has started on the services' side; the uploads are the workbench's own copies,
          // so they go now rather than waiting for the start-up sweep of stale scratch.
          run.session.discard();
          finish(run, IDLE);
          // Closing the dialog is its own answer; stopping an upload in the status strip is news.
          if (state.phase === 'uploading')
            notifications.show({ message: `Import of ${run.fileName} cancelled.` });
          return;
        }
        client.call('jobs.cancel', { id: run.jobId }).catch((error: unknown) => {
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
          // A new file starts from its own detected settings; the same file keeps the user's choices
          // when the preview moves from its head to the whole file.
          key={state.run}
          fileName={state.fileName}
          sizeBytes={state.sizeBytes}
          previewSource={state.previewSource}
          {...(state.upload ? { upload: state.upload } : {})}
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
