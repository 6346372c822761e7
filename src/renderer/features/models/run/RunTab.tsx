import {
  Button,
  FileButton,
  Group,
  Kbd,
  Loader,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFileUpload, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ModelRef } from '../../../../shared/contract/modelRegistry.js';
import type { ExecutionProvider } from '../../../../shared/contract/executionProviders.js';
import type { SessionSettingsInput, ValueInfo, WireTensorJson } from '../../../../shared/contract/models.js';
import type { TensorValue } from '../../../../shared/tensors/tensors.js';
import { encodeTensor } from '../../../../shared/tensors/base64Tensor.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import type { ModelTarget } from '../list/modelItem.js';
import { datasetProblems, emptyDatasetState, type DatasetState } from './datasetMapping.js';
import { DatasetSource } from './DatasetSource.js';
import { InputEditor, type InputState } from './InputEditor.js';
import { isTensorObject, jsonObjectForInput, npyForInput, npzForInputs } from './inputSources.js';
import type { GraphOptimization } from '../../../../shared/contract/graphOptimization.js';
import { OptimizationControl } from '../session/OptimizationControl.js';
import { ProviderSelect } from '../session/ProviderSelect.js';
import { RunOutputs, type RunResult } from './RunOutputs.js';
import { parseTensorText, resolveShape } from './tensorInput.js';

const THREADS = ['auto', '1', '2', '4'] as const;
const SOURCES = [
  { value: 'values', label: 'Values' },
  { value: 'dataset', label: 'Data set rows' },
] as const;
type Source = (typeof SOURCES)[number]['value'];

export function modelRefOf(target: ModelTarget): ModelRef {
  return target.kind === 'path'
    ? { kind: 'path', path: target.path }
    : {
        kind: 'registry',
        name: target.name,
        ...(target.version === undefined ? {} : { version: target.version }),
      };
}

/**
 * Run the model once: inputs typed as JSON, loaded from NumPy files or taken from rows of a data set;
 * session options; outputs with stats, a Top 5 chart for class scores, tables and downloads.
 */
export function RunTab({ target }: { target: ModelTarget }) {
  const model = modelRefOf(target);
  const opened = useCall('models.open', { model }, { staleTime: 60_000, retry: false });
  if (opened.isPending) return <LoadingState label="Opening the model…" />;
  if (opened.isError) {
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={opened.error} title="The model did not open in ONNX Runtime" />
      </div>
    );
  }
  // Keyed by the model so another model (or version) starts from a fresh form for its own inputs.
  return (
    <RunForm
      key={JSON.stringify(model)}
      model={model}
      inputs={opened.data.inputs}
      outputs={opened.data.outputs}
    />
  );
}

interface Draft {
  source: Source;
  states: Record<string, InputState>;
  dataset: DatasetState;
  threads: (typeof THREADS)[number];
  interThreads: (typeof THREADS)[number];
  provider: ExecutionProvider;
  optimization: GraphOptimization;
  result?: RunResult;
  /** The form as it was when `result` was computed, to tell when the outputs no longer match it. */
  ranWith?: RunForm;
}

/** The inputs and options a run is made from. */
type RunForm = Pick<
  Draft,
  'source' | 'states' | 'dataset' | 'threads' | 'interThreads' | 'provider' | 'optimization'
>;

/** What was typed and the last result, per model, so switching tabs (or models) and back keeps them. */
const drafts = new Map<string, Draft>();
const DRAFTS_KEPT = 10;

function keepDraft(key: string, draft: Draft): void {
  drafts.delete(key);
  drafts.set(key, draft);
  while (drafts.size > DRAFTS_KEPT) drafts.delete(drafts.keys().next().value!);
}

type RunRequest =
  | { kind: 'values'; feeds: Record<string, WireTensorJson>; settings: SessionSettingsInput }
  | { kind: 'dataset'; dataset: DatasetState & { slug: string }; settings: SessionSettingsInput };

async function readFile(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** An input's tensor: its loaded file, or its text as a JSON tensor object or a (nested) array. */
function tensorFor(
  input: ValueInfo,
  state: InputState,
): { ok: true; tensor: TensorValue } | { ok: false; message: string } {
  if (input.type === null)
    return {
      ok: false,
      message: 'This input is not a tensor (a sequence or a map); the Run tab cannot fill it.',
    };
  if (state.file) return { ok: true, tensor: state.file.tensor };
  if (isTensorObject(state.text)) return jsonObjectForInput(input, state.text);
  return parseTensorText(state.text, input.type, resolveShape(input.shape ?? [], state.dims));
}

function RunForm({ model, inputs, outputs }: { model: ModelRef; inputs: ValueInfo[]; outputs: ValueInfo[] }) {
  const client = useClient();
  const key = JSON.stringify(model);
  const [draft] = useState(() => drafts.get(key));
  const [source, setSource] = useState<Source>(draft?.source ?? 'values');
  const [states, setStates] = useState<Record<string, InputState>>(() =>
    Object.fromEntries(
      inputs.map((input) => [input.name, draft?.states[input.name] ?? { text: '', dims: {} }]),
    ),
  );
  const [dataset, setDataset] = useState<DatasetState>(draft?.dataset ?? emptyDatasetState);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [npzNote, setNpzNote] = useState<string>();
  const [threads, setThreads] = useState<(typeof THREADS)[number]>(draft?.threads ?? 'auto');
  const [interThreads, setInterThreads] = useState<(typeof THREADS)[number]>(draft?.interThreads ?? 'auto');
  const [provider, setProvider] = useState<ExecutionProvider>(draft?.provider ?? 'cpu');
  const [optimization, setOptimization] = useState<GraphOptimization>(draft?.optimization ?? 'all');
  const run = useMutation({
    mutationFn: async (request: RunRequest): Promise<RunResult> => {
      if (request.kind === 'values')
        return client.call('models.run', { model, feeds: request.feeds, settings: request.settings });
      const { slug, name, mapping, offset, limit } = request.dataset;
      const answer = await client.call('models.runDataset', {
        model,
        dataset: slug,
        inputs: mapping,
        offset,
        limit,
        settings: request.settings,
      });
      return {
        outputs: answer.outputs,
        runMs: answer.runMs,
        batch: { dataset: name || slug, firstRow: offset + 1, rows: answer.rows },
      };
    },
  });
  const result: RunResult | undefined = run.isIdle ? draft?.result : run.data;
  const form: RunForm = { source, states, dataset, threads, interThreads, provider, optimization };
  const [ranWith, setRanWith] = useState(draft?.ranWith);
  // Every field is replaced, never mutated, on an edit: comparing references is enough, and cheap
  // even with a loaded .npy of megabytes in `states`.
  const stale =
    ranWith !== undefined &&
    (Object.keys(form) as (keyof RunForm)[]).some((field) => form[field] !== ranWith[field]);
  useEffect(() => {
    keepDraft(key, {
      source,
      states,
      dataset,
      threads,
      interThreads,
      provider,
      optimization,
      ...(result ? { result } : {}),
      ...(ranWith ? { ranWith } : {}),
    });
  }, [key, source, states, dataset, threads, interThreads, provider, optimization, result, ranWith]);

  const setInput = (name: string, state: InputState) => {
    setStates((all) => ({ ...all, [name]: state }));
    setProblems(({ [name]: _, ...rest }) => rest);
  };

  /** An .npz fills every input by array name; what it cannot fill says why on that input. */
  const loadNpz = async (file: File) => {
    const read = npzForInputs(inputs, await readFile(file), file.name);
    if (!read.ok) {
      setProblems(Object.fromEntries(inputs.map((input) => [input.name, read.message])));
      setNpzNote(undefined);
      return;
    }
    const found: Record<string, string> = {};
    setStates((all) => {
      const next = { ...all };
      for (const [name, loaded] of Object.entries(read.results))
        if (loaded.ok)
          next[name] = { ...all[name]!, file: { name: `${file.name} › ${name}`, tensor: loaded.tensor } };
      return next;
    });
    for (const [name, loaded] of Object.entries(read.results)) if (!loaded.ok) found[name] = loaded.message;
    setProblems(found);
    setNpzNote(
      read.unused.length
        ? `${file.name} also holds ${read.unused.join(', ')}, which no input of the model takes.`
        : undefined,
    );
  };

  const loadFile = async (input: ValueInfo, file: File) => {
    if (file.name.toLowerCase().endsWith('.npz')) return loadNpz(file);
    const loaded = npyForInput(input, await readFile(file), file.name);
    if (loaded.ok)
      setInput(input.name, { ...states[input.name]!, file: { name: file.name, tensor: loaded.tensor } });
    else setProblems((all) => ({ ...all, [input.name]: loaded.message }));
  };

  const start = () => {
    if (run.isPending) return;
    const settings: SessionSettingsInput = {
      executionProvider: provider,
      graphOptimization: optimization,
      ...(threads === 'auto' ? {} : { intraOpThreads: Number(threads) }),
      ...(interThreads === 'auto' ? {} : { interOpThreads: Number(interThreads) }),
    };
    if (source === 'dataset') {
      const found = datasetProblems(inputs, dataset);
      setProblems(found);
      if (Object.keys(found).length > 0 || dataset.slug === null) return;
      setRanWith(form);
      run.mutate({ kind: 'dataset', dataset: { ...dataset, slug: dataset.slug }, settings });
      return;
    }
    const found: Record<string, string> = {};
    const feeds: Record<string, WireTensorJson> = {};
    for (const input of inputs) {
      const tensor = tensorFor(input, states[input.name]!);
      if (tensor.ok) feeds[input.name] = encodeTensor(tensor.tensor);
      else found[input.name] = tensor.message;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setRanWith(form);
    run.mutate({ kind: 'values', feeds, settings });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      start();
    }
  };

  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="md" p="md" maw={1100} onKeyDown={onKeyDown} data-testid="run-tab">
        <Group gap="md" wrap="wrap">
          <Title order={5}>Inputs</Title>
          {inputs.length > 0 && (
            <SegmentedControl
              size="xs"
              data={[...SOURCES]}
              value={source}
              onChange={(value) => {
                setSource(SOURCES.find((s) => s.value === value)?.value ?? 'values');
                setProblems({});
              }}
              data-testid="run-source"
            />
          )}
          {source === 'values' && inputs.length > 0 && (
            <FileButton onChange={(file) => file && void loadNpz(file)} accept=".npz">
              {(props) => (
                <Button
                  {...props}
                  size="compact-xs"
                  variant="default"
                  leftSection={<IconFileUpload size={12} />}
                  data-testid="run-load-npz"
                >
                  Load .npz (inputs by array name)
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {inputs.length === 0 && (
          <Text size="sm" c="dimmed">
            The model takes no inputs.
          </Text>
        )}
        {npzNote && source === 'values' && (
          <Text size="xs" c="dimmed" data-testid="run-npz-note">
            {npzNote}
          </Text>
        )}
        {source === 'values' &&
          inputs.map((input) => (
            <InputEditor
              key={input.name}
              input={input}
              state={states[input.name]!}
              problem={problems[input.name]}
              onChange={(state) => setInput(input.name, state)}
              onLoadFile={(file) => void loadFile(input, file)}
            />
          ))}
        {source === 'dataset' && (
          <DatasetSource
            inputs={inputs}
            state={dataset}
            problems={problems}
            onChange={(state) => {
              setDataset(state);
              setProblems({});
            }}
          />
        )}
        <Group gap="md" align="flex-end" wrap="wrap">
          <ProviderSelect value={provider} onChange={setProvider} testId="run-provider" />
          <Select
            label="Intra-op threads"
            size="xs"
            w={130}
            data={[...THREADS]}
            value={threads}
            allowDeselect={false}
            onChange={(value) => setThreads(THREADS.find((t) => t === value) ?? 'auto')}
            data-testid="run-threads"
          />
          <Select
            label="Inter-op threads"
            size="xs"
            w={130}
            data={[...THREADS]}
            value={interThreads}
            allowDeselect={false}
            onChange={(value) => setInterThreads(THREADS.find((t) => t === value) ?? 'auto')}
            title="Threads running independent branches of the graph at once (parallel execution)"
            data-testid="run-inter-threads"
          />
          <OptimizationControl value={optimization} onChange={setOptimization} testId="run-optimization" />
          <Button
            leftSection={run.isPending ? <Loader size={14} color="white" /> : <IconPlayerPlay size={14} />}
            onClick={start}
            disabled={run.isPending}
            data-testid="run-button"
          >
            {run.isPending ? 'Running…' : 'Run'}
          </Button>
          <Text size="xs" c="dimmed" pb={6}>
            <Kbd size="xs">Ctrl</Kbd>/<Kbd size="xs">⌘</Kbd> + <Kbd size="xs">Enter</Kbd>
          </Text>
        </Group>
        {run.isError && <ErrorAlert error={run.error} title="The run failed" />}
        {result && !run.isPending && !run.isError && stale && (
          <Text size="xs" c="orange" data-testid="run-outputs-stale">
            The inputs or options changed since these outputs were computed: Run again to update them.
          </Text>
        )}
        {result && !run.isPending && !run.isError && <RunOutputs result={result} declared={outputs} />}
      </Stack>
    </ScrollArea>
  );
}
