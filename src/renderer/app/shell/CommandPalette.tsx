import { Kbd } from '@mantine/core';
import { Spotlight, type SpotlightActionData, type SpotlightActionGroupData } from '@mantine/spotlight';
import {
  IconChartHistogram,
  IconCloudUpload,
  IconCubePlus,
  IconFileImport,
  IconMoon,
  IconPackage,
  IconPlayerPlay,
  IconSearch,
  IconTable,
} from '@tabler/icons-react';
import { shortcutLabel } from '../../lib/platform.js';
import { requestAddModel } from '../navigation/addModelRequest.js';
import { openContainerDialog } from '../navigation/containerRequest.js';
import { requestImport } from '../navigation/importRequest.js';
import { navigate, useRoute } from '../navigation/route.js';
import { sections } from '../navigation/sections.js';
import { useCall } from '../query/useCall.js';
import { useThemeToggle } from '../theme/useThemeToggle.js';

/** Ctrl/Cmd+K: every navigation and command, and every data set by name. */
export function CommandPalette() {
  const { toggle } = useThemeToggle();
  const datasets = useCall('datasets.list', {});
  const route = useRoute();
  // A containers dialog opens over the build or deployment shown, if the screen is already there.
  const toContainers = (): void => {
    if (route.section !== 'containers') navigate({ section: 'containers' });
  };

  const goTo: SpotlightActionData[] = sections.map(({ id, label, icon: Icon, digit }) => ({
    id: `go-${id}`,
    label: `Go to ${label}`,
    leftSection: <Icon size={16} stroke={1.6} />,
    rightSection: <Kbd size="xs">{shortcutLabel(String(digit))}</Kbd>,
    onClick: () => navigate({ section: id }),
  }));
  const commands: SpotlightActionData[] = [
    {
      id: 'import-dataset',
      label: 'Import data set…',
      description: 'Read a CSV file into the workspace and profile it',
      keywords: ['csv', 'upload', 'open', 'file'],
      leftSection: <IconFileImport size={16} stroke={1.6} />,
      onClick: () => {
        navigate({ section: 'data' });
        requestImport();
      },
    },
    {
      id: 'add-model',
      label: 'Add model…',
      description: 'Register an .onnx file in the model registry as a new version',
      keywords: ['onnx', 'register', 'registry', 'upload', 'model'],
      leftSection: <IconCubePlus size={16} stroke={1.6} />,
      onClick: () => {
        navigate({ section: 'models' });
        requestAddModel();
      },
    },
    {
      id: 'new-drift-report',
      label: 'New drift report',
      description: 'Compare current data with a baseline, column by column, and save the report',
      keywords: ['drift', 'compare', 'baseline', 'monitor', 'shift', 'ks', 'psi'],
      leftSection: <IconChartHistogram size={16} stroke={1.6} />,
      onClick: () => navigate({ section: 'drift' }),
    },
    {
      id: 'build-image',
      label: 'Build image…',
      description: 'Build a serving image (model server + ONNX Runtime) for a registered model version',
      keywords: ['docker', 'container', 'dockerfile', 'serve', 'deploy'],
      leftSection: <IconPackage size={16} stroke={1.6} />,
      onClick: () => {
        toContainers();
        openContainerDialog({ dialog: 'build' });
      },
    },
    {
      id: 'run-container',
      label: 'Run container…',
      description: 'Start a built image on 127.0.0.1 with limits, capture and an optional API key',
      keywords: ['docker', 'container', 'deploy', 'serve', 'start'],
      leftSection: <IconPlayerPlay size={16} stroke={1.6} />,
      onClick: () => {
        toContainers();
        openContainerDialog({ dialog: 'run' });
      },
    },
    {
      id: 'push-image',
      label: 'Push image…',
      description: 'Push a built image to a registry, with a saved login or one entered',
      keywords: ['docker', 'container', 'registry', 'upload', 'ship', 'publish'],
      leftSection: <IconCloudUpload size={16} stroke={1.6} />,
      onClick: () => {
        toContainers();
        openContainerDialog({ dialog: 'push' });
      },
    },
    {
      id: 'toggle-theme',
      label: 'Toggle theme',
      description: 'Switch between the light and dark theme',
      keywords: ['dark', 'light', 'color'],
      leftSection: <IconMoon size={16} stroke={1.6} />,
      onClick: toggle,
    },
  ];
  const openDataset: SpotlightActionData[] = (datasets.data ?? []).map((dataset) => ({
    id: `dataset-${dataset.slug}`,
    label: dataset.name,
    description: `${dataset.rows.toLocaleString()} rows · ${dataset.columns.length} columns`,
    keywords: [dataset.slug, dataset.source.fileName],
    leftSection: <IconTable size={16} stroke={1.6} />,
    onClick: () => navigate({ section: 'data', item: dataset.slug }),
  }));

  const actions: SpotlightActionGroupData[] = [
    { group: 'Commands', actions: commands },
    { group: 'Sections', actions: goTo },
    ...(openDataset.length > 0 ? [{ group: 'Data sets', actions: openDataset }] : []),
  ];

  return (
    <Spotlight
      actions={actions}
      shortcut={['mod + K']}
      nothingFound="No command or data set matches"
      highlightQuery
      scrollable
      maxHeight={420}
      searchProps={{
        leftSection: <IconSearch size={16} />,
        placeholder: 'Type a command or a data set name…',
      }}
      data-testid="command-palette"
    />
  );
}
