import { Badge, Group, Tabs } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import type { ModelCard } from '../../../../shared/contract/modelRegistry.js';
import type { Finding, ModelSummary } from '../../../../shared/contract/modelSummary.js';
import { formatCount } from '../../../../shared/format/numbers.js';
import { openContainerDialog } from '../../../app/navigation/containerRequest.js';
import { navigate } from '../../../app/navigation/route.js';
import { useCall } from '../../../app/query/useCall.js';
import { LoadingState } from '../../../components/CenteredState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { BenchmarkTab } from '../bench/BenchmarkTab.js';
import { ModelCheck } from '../check/ModelCheck.js';
import { CompareTab } from '../compare/CompareTab.js';
import { GraphExplorer } from '../graph/GraphExplorer.js';
import { modelItem, type ModelTarget } from '../list/modelItem.js';
import { ModelOverview } from '../overview/ModelOverview.js';
import { DeleteModelModal } from '../registry/DeleteModelModal.js';
import { VersionsTable } from '../registry/VersionsTable.js';
import { modelRefOf, RunTab } from '../run/RunTab.js';
import { FileHeader, RegistryHeader } from './ModelHeader.js';
import classes from '../../../components/layout/DetailLayout.module.css';
import { useRegisteredModel } from '../list/useRegisteredModel.js';

const TABS = ['overview', 'graph', 'check', 'run', 'benchmark', 'compare'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.some((tab) => tab === value);

/** One model, registered or a file: its header, then Overview, Graph, Check, Run, Benchmark and Compare (the last tab used is remembered). */
export function ModelDetail({ target }: { target: ModelTarget }) {
  const registered = target.kind === 'registry';
  const fromRegistry = useRegisteredModel(target);
  const fromFile = useCall(
    'models.inspect',
    { model: { kind: 'path', path: target.kind === 'path' ? target.path : '-' } },
    { enabled: !registered, staleTime: 30_000 },
  );
  const registry = useCall('models.list', {}, { enabled: registered });
  const [deleting, setDeleting] = useState(false);
  const query = registered ? fromRegistry : fromFile;
  const registryEntry = registry.data?.find((m) => registered && m.name === target.name);

  if (query.isPending) return <LoadingState label="Reading the model…" />;
  if (query.isError) {
    return (
      <div style={{ padding: 16 }} data-testid="model-error">
        <ErrorAlert error={query.error} title="The model could not be read" />
      </div>
    );
  }
  const { summary, findings } = query.data;
  const errors = findings.filter((f) => f.severity === 'error').length;

  let header: ReactNode;
  if (registered && fromRegistry.data) {
    const { card, nameWarning } = fromRegistry.data;
    const versions = registryEntry?.versions.map((v) => v.version) ?? [card.version];
    header = (
      <>
        <RegistryHeader
          card={card}
          versions={versions}
          latest={registryEntry?.latest ?? card.version}
          nameWarning={nameWarning}
          errors={errors}
          onVersion={(version) =>
            navigate({ section: 'models', item: modelItem({ kind: 'registry', name: card.name, version }) })
          }
          onBuildImage={() => {
            navigate({ section: 'containers' });
            openContainerDialog({ dialog: 'build', model: { name: card.name, version: card.version } });
          }}
          onDelete={() => setDeleting(true)}
        />
        {deleting && (
          <DeleteModelModal
            name={card.name}
            version={card.version}
            versionCount={versions.length}
            onClose={() => setDeleting(false)}
            onDeleted={(whole) => {
              setDeleting(false);
              const rest = versions.filter((v) => v !== card.version);
              navigate(
                whole || rest.length === 0
                  ? { section: 'models' }
                  : { section: 'models', item: modelItem({ kind: 'registry', name: card.name }) },
              );
            }}
          />
        )}
      </>
    );
  } else {
    header = (
      <FileHeader
        path={target.kind === 'path' ? target.path : summary.file.path}
        bytes={summary.file.bytes}
        nodes={summary.graph.nodes.length}
        errors={errors}
      />
    );
  }
  return (
    <div className={classes.root} data-testid="model-detail" data-item={modelItem(target)}>
      {header}
      <ModelTabs
        target={target}
        summary={summary}
        findings={findings}
        versions={
          registered && fromRegistry.data && registryEntry && registryEntry.versions.length > 1 ? (
            <VersionsTable
              versions={registryEntry.versions}
              current={fromRegistry.data.card.version}
              latest={registryEntry.latest}
              onOpen={(version) =>
                navigate({
                  section: 'models',
                  item: modelItem({ kind: 'registry', name: registryEntry.name, version }),
                })
              }
            />
          ) : undefined
        }
        {...(fromRegistry.data ? { card: fromRegistry.data.card } : {})}
      />
    </div>
  );
}

function ModelTabs({
  target,
  summary,
  findings,
  versions,
  card,
}: {
  target: ModelTarget;
  summary: ModelSummary;
  findings: Finding[];
  /** A registered model's versions side by side, on its Overview. */
  versions: ReactNode;
  /** The registered version's card; none for a file opened by path. */
  card?: ModelCard;
}) {
  const [tab, setTab] = useLocalStorage<Tab>({ key: 'mlw-model-tab', defaultValue: 'overview' });
  const [focus, setFocus] = useState<{ node: string } | undefined>(undefined);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const panel = (value: Tab, content: ReactNode) => (
    <Tabs.Panel value={value} className={classes.panel} data-testid={`model-tab-panel-${value}`}>
      {content}
    </Tabs.Panel>
  );
  return (
    <Tabs
      value={tab}
      onChange={(value) => setTab(isTab(value) ? value : 'overview')}
      keepMounted={false}
      className={classes.tabs}
    >
      <Tabs.List px="md">
        <Tabs.Tab value="overview" data-testid="model-tab-overview">
          Overview
        </Tabs.Tab>
        <Tabs.Tab value="graph" data-testid="model-tab-graph">
          Graph
        </Tabs.Tab>
        <Tabs.Tab value="check" data-testid="model-tab-check">
          <Group gap={6} wrap="nowrap">
            Check
            <Badge
              size="xs"
              variant="light"
              color={errors > 0 ? 'red' : findings.length > 0 ? 'orange' : 'gray'}
              className="mlw-num"
            >
              {formatCount(findings.length)}
            </Badge>
          </Group>
        </Tabs.Tab>
        <Tabs.Tab value="run" data-testid="model-tab-run">
          Run
        </Tabs.Tab>
        <Tabs.Tab value="benchmark" data-testid="model-tab-benchmark">
          Benchmark
        </Tabs.Tab>
        <Tabs.Tab value="compare" data-testid="model-tab-compare">
          Compare
        </Tabs.Tab>
      </Tabs.List>
      {panel(
        'overview',
        <ModelOverview summary={summary} {...(card ? { card } : {})}>
          {versions}
        </ModelOverview>,
      )}
      {panel(
        'graph',
        <GraphExplorer
          key={focus?.node}
          graph={summary.graph}
          model={modelRefOf(target)}
          {...(focus ? { focus: focus.node } : {})}
        />,
      )}
      {panel(
        'check',
        <ModelCheck
          findings={findings}
          onShowNode={(node) => {
            setFocus({ node });
            setTab('graph');
          }}
        />,
      )}
      {panel('run', <RunTab target={target} />)}
      {panel('benchmark', <BenchmarkTab target={target} summary={summary} />)}
      {panel('compare', <CompareTab target={target} summary={summary} />)}
    </Tabs>
  );
}
