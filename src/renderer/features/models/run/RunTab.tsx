import {
  Button,
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
import { IconPlayerPlay } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ModelRef } from '../../../../shared/contract/modelRegistry.js';
import type { SessionSettingsInput, ValueInfo, WireTensorJson } from '../../../../shared/contract/models.js';
import { encodeTensor } from '../../../../shared/tensors/base64Tensor.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import type { ModelTarget } from '../list/modelItem.js';
import { InputEditor, type InputState } from './InputEditor.js';
import { RunOutputs } from './RunOutputs.js';
import { parseTensorText, resolveShape } from './tensorInput.js';

const THREADS = ['auto', '1', '2', '4'] as const;
const OPTIMIZATION = ['all', 'extended', 'basic', 'disabled'] as const;
type Optimization = (typeof OPTIMIZATION)[number];

export function modelRefOf(target: ModelTarget): ModelRef {
  return target.kind === 'path'
    ? { kind: 'path', path: target.path }
    : {
        kind: 'registry',
        name: target.name,
        ...(target.version === undefined ? {} : { version: target.version }),
      };
}

/** Run the model once: inputs from its signature, session options, outputs with a Top 5 for scores. */
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
  states: Record<string, InputState>;
  threads: (typeof THREADS)[number];
  optimization: Optimization;
  result?: RunResult;
}
type RunResult = { outputs: Record<string, WireTensorJson>; runMs: number };

/** What was typed and the last result, per model, so switching tabs (or models) and back keeps them. */
const drafts = new Map<string, Draft>();
const DRAFTS_KEPT = 10;

function keepDraft(key: string, draft: Draft): void {
  drafts.delete(key);
  drafts.set(key, draft);
  while (drafts.size > DRAFTS_KEPT) drafts.delete(drafts.keys().next().value!);
}

function RunForm({ model, inputs, outputs }: { model: ModelRef; inputs: ValueInfo[]; outputs: ValueInfo[] }) {
  const client = useClient();
  const key = JSON.stringify(model);
  const [draft] = useState(() => drafts.get(key));
  const [states, setStates] = useState<Record<string, InputState>>(() =>
    Object.fromEntries(
      inputs.map((input) => [input.name, draft?.states[input.name] ?? { text: '', dims: {} }]),
    ),
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [threads, setThreads] = useState<(typeof THREADS)[number]>(draft?.threads ?? 'auto');
  const [optimization, setOptimization] = useState<Optimization>(draft?.optimization ?? 'all');
  const run = useMutation({
    mutationFn: (input: { feeds: Record<string, WireTensorJson>; settings: SessionSettingsInput }) =>
      client.call('models.run', { model, feeds: input.feeds, settings: input.settings }),
  });
  const result: RunResult | undefined = run.isIdle ? draft?.result : run.data;
  useEffect(() => {
    keepDraft(key, { states, threads, optimization, ...(result ? { result } : {}) });
  }, [key, states, threads, optimization, result]);

  const start = () => {
    if (run.isPending) return;
    const found: Record<string, string> = {};
    const feeds: Record<string, WireTensorJson> = {};
    for (const input of inputs) {
      if (input.type === null) {
        found[input.name] = 'This input is not a tensor (a sequence or a map); the Run tab cannot fill it.';
        continue;
      }
      const state = states[input.name]!;
      const dims = resolveShape(input.shape ?? [], state.dims);
      const parsed = parseTensorText(state.text, input.type, dims);
      if (parsed.ok) feeds[input.name] = encodeTensor(parsed.tensor);
      else found[input.name] = parsed.message;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    run.mutate({
      feeds,
      settings: {
        graphOptimization: optimization,
        ...(threads === 'auto' ? {} : { intraOpThreads: Number(threads) }),
      },
    });
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
        <Title order={5}>Inputs</Title>
        {inputs.length === 0 && (
          <Text size="sm" c="dimmed">
            The model takes no inputs.
          </Text>
        )}
        {inputs.map((input) => (
          <InputEditor
            key={input.name}
            input={input}
            state={states[input.name]!}
            problem={problems[input.name]}
            onChange={(state) => {
              setStates((all) => ({ ...all, [input.name]: state }));
              setProblems(({ [input.name]: _, ...rest }) => rest);
            }}
          />
        ))}
        <Group gap="md" align="flex-end" wrap="wrap">
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
          <Stack gap={4}>
            <Text size="xs" fw={500}>
              Graph optimization
            </Text>
            <SegmentedControl
              size="xs"
              data={[...OPTIMIZATION]}
              value={optimization}
              onChange={(value) => setOptimization(OPTIMIZATION.find((o) => o === value) ?? 'all')}
              data-testid="run-optimization"
            />
          </Stack>
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
        {result && !run.isPending && !run.isError && <RunOutputs result={result} declared={outputs} />}
      </Stack>
    </ScrollArea>
  );
}
