import { Alert, ScrollArea, Stack, Text } from '@mantine/core';
import { diffResultSchema } from '../../../../shared/contract/modelLab.js';
import type { RegistryModel } from '../../../../shared/contract/modelRegistry.js';
import type { ModelSummary } from '../../../../shared/contract/modelSummary.js';
import { formatBytes } from '../../../../shared/format/numbers.js';
import { parseModelRef } from '../../../../shared/models/modelRef.js';
import { useClient } from '../../../app/query/clientContext.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { EmptyTab } from '../../datasets/profile/TabState.js';
import { namedDims } from '../lab/formValues.js';
import { LabJobStatus } from '../lab/LabJobStatus.js';
import { useLabJob } from '../lab/useLabJob.js';
import { modelItem, type ModelTarget } from '../list/modelItem.js';
import { modelRefOf } from '../run/RunTab.js';
import { CompareForm, type DiffRequest } from './CompareForm.js';
import { AgreementTable, BenchmarkPair } from './DiffOutputs.js';
import { InitializerDiff, OperatorDiff, SignatureDiff, SizeDiff } from './DiffStructure.js';
import { verdictOf } from './verdict.js';
import classes from './Compare.module.css';
import { useRegisteredModel } from '../list/useRegisteredModel.js';

/** The batch each model's last comparison ran at: a classifier's items are samples × batch. */
const batches = new Map<string, number>();

const TONE = { same: 'teal', close: 'teal', differ: 'orange', unknown: 'gray' } as const;

/** Every registered version but this one, by model; the previous version of this model first. */
function otherSides(registry: RegistryModel[], self: { name: string; version: number } | null) {
  const options = registry.map((model) => ({
    group: model.name,
    items: [...model.versions]
      .reverse()
      .filter((card) => !(self && card.name === self.name && card.version === self.version))
      .map((card) => ({ value: `${card.name}@${card.version}`, label: `${card.name} v${card.version}` })),
  }));
  const previous = self
    ? registry
        .find((model) => model.name === self.name)
        ?.versions.filter((card) => card.version < self.version)
        .at(-1)
    : undefined;
  const fallback = options.flatMap((group) => group.items)[0]?.value ?? null;
  return {
    options: options.filter((group) => group.items.length > 0),
    fallback: previous ? `${previous.name}@${previous.version}` : fallback,
  };
}

/**
 * Compare this model (B) with another (A): signature, structure, size, initializers, their latest
 * saved benchmarks, and whether the same generated inputs give the same outputs.
 */
export function CompareTab({ target, summary }: { target: ModelTarget; summary: ModelSummary }) {
  const client = useClient();
  const key = modelItem(target);
  const registered = target.kind === 'registry';
  const version = useRegisteredModel(target).data?.card.version;
  const registry = useCall('models.list', {});
  const diff = useLabJob(`diff:${key}`, (result) => diffResultSchema.parse(result));

  if (registry.isPending || (registered && version === undefined))
    return <LoadingState label="Reading the registry…" />;
  if (registry.isError)
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={registry.error} />
      </div>
    );
  const self = registered && version !== undefined ? { name: target.name, version } : null;
  const { options, fallback } = otherSides(registry.data, self);
  if (options.length === 0)
    return (
      <EmptyTab title="Nothing to compare with" testId="compare-empty">
        Comparing needs another model in the registry: add a new version of this model (or another model) with
        Add model.
      </EmptyTab>
    );

  const start = (request: DiffRequest) => {
    batches.set(key, request.batch);
    const other = parseModelRef(request.other);
    void diff.start(() =>
      client.call('models.diff', {
        a: other,
        b: modelRefOf(self ? { kind: 'registry', ...self } : target),
        samples: request.samples,
        batch: request.batch,
        dims: request.dims,
      }),
    );
  };
  const result = diff.result;
  const verdict = result ? verdictOf(result.agreement, batches.get(key) ?? 1) : undefined;
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap="md" p="md" maw={1200} data-testid="compare-tab">
        <CompareForm
          key={key}
          modelKey={key}
          options={options}
          defaultOther={fallback}
          dimNames={namedDims(summary.inputs)}
          busy={diff.running}
          onStart={start}
        />
        {diff.running && <LabJobStatus job={diff.job} onCancel={diff.cancel} testId="compare-progress" />}
        {diff.job?.status === 'cancelled' && (
          <Alert color="gray" variant="light" py={6} data-testid="compare-cancelled">
            The comparison was cancelled.
          </Alert>
        )}
        {diff.error !== undefined && <ErrorAlert error={diff.error} title="The comparison failed" />}
        {result && verdict ? (
          <Stack gap="md" data-testid="compare-results">
            <Stack gap={2}>
              <Text
                size="sm"
                c={TONE[verdict.tone]}
                className={classes.verdict}
                data-testid="compare-verdict"
                data-tone={verdict.tone}
              >
                {verdict.text}
              </Text>
              <Text
                size="xs"
                c="dimmed"
                className="mlw-truncate"
                title={`${result.a.path}\n${result.b.path}`}
              >
                A: {result.a.ref} ({formatBytes(result.a.sizeBytes)}, {result.a.sha256.slice(0, 8)}) · B:{' '}
                {result.b.ref} ({formatBytes(result.b.sizeBytes)}, {result.b.sha256.slice(0, 8)})
                {result.a.sha256 === result.b.sha256 ? ' · the same file' : ''}
              </Text>
            </Stack>
            <div className={classes.grid}>
              <SignatureDiff diff={result} />
              <AgreementTable agreement={result.agreement} />
              <SizeDiff diff={result} />
              <OperatorDiff diff={result} />
              <InitializerDiff diff={result} />
              <BenchmarkPair benchmarks={result.benchmarks} />
            </div>
          </Stack>
        ) : (
          !diff.running &&
          diff.error === undefined && (
            <EmptyTab title="No comparison yet" testId="compare-idle">
              Pick the other side and compare: the signature, structure and weights are read, then both run on
              the same generated inputs.
            </EmptyTab>
          )
        )}
      </Stack>
    </ScrollArea>
  );
}
