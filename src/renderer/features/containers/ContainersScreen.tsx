import { Button, Stack } from '@mantine/core';
import { IconPackage } from '@tabler/icons-react';
import {
  closeContainerDialog,
  openContainerDialog,
  useContainerDialog,
} from '../../app/navigation/containerRequest.js';
import { navigate } from '../../app/navigation/route.js';
import { ScreenHeader } from '../../components/ScreenHeader.js';
import { BuildDetail } from './build/BuildDetail.js';
import { BuildDialog } from './build/BuildDialog.js';
import { containerItem, parseContainerItem } from './containerItem.js';
import { DeploymentDetail } from './deployment/DeploymentDetail.js';
import { ContainersStart } from './ContainersStart.js';
import { EngineLine } from './EngineLine.js';
import { ContainersList } from './list/ContainersList.js';
import { RunDialog } from './run/RunDialog.js';
import { ExportDialog } from './ship/ExportDialog.js';
import { PushDialog } from './ship/PushDialog.js';
import classes from '../../components/layout/ListDetailLayout.module.css';

/**
 * Containers: builds and deployments on the left, the open one on the right, the engine's state
 * above both. The build, run, push and export dialogs open here, from the header, the palette or
 * another screen.
 */
export function ContainersScreen({ item }: { item: string | undefined }) {
  const target = parseContainerItem(item);
  const dialog = useContainerDialog();

  return (
    <Stack h="100%" gap={0}>
      <ScreenHeader title="Containers">
        <Button
          leftSection={<IconPackage size={14} />}
          onClick={() => openContainerDialog({ dialog: 'build' })}
          data-testid="containers-build"
        >
          Build image…
        </Button>
      </ScreenHeader>
      <EngineLine />
      <div className={classes.split} data-list-shown>
        <aside className={classes.list}>
          <ContainersList selected={target} />
        </aside>
        <section className={classes.main}>
          {target === undefined ? (
            <ContainersStart
              onBuild={() => openContainerDialog({ dialog: 'build' })}
              onRun={() => openContainerDialog({ dialog: 'run' })}
            />
          ) : target.kind === 'build' ? (
            <BuildDetail key={target.id} id={target.id} />
          ) : (
            <DeploymentDetail key={target.name} name={target.name} />
          )}
        </section>
      </div>
      {dialog?.dialog === 'build' && (
        <BuildDialog
          model={dialog.model}
          onClose={closeContainerDialog}
          onPrepared={(id) => {
            closeContainerDialog();
            navigate({ section: 'containers', item: containerItem({ kind: 'build', id }) });
          }}
        />
      )}
      {dialog?.dialog === 'run' && (
        <RunDialog
          build={dialog.build}
          onClose={closeContainerDialog}
          onOpen={(name) => {
            closeContainerDialog();
            navigate({ section: 'containers', item: containerItem({ kind: 'deployment', name }) });
          }}
        />
      )}
      {dialog?.dialog === 'push' && <PushDialog build={dialog.build} onClose={closeContainerDialog} />}
      {dialog?.dialog === 'export' && (
        <ExportDialog
          key={`${dialog.build}-${dialog.kind}`}
          build={dialog.build}
          kind={dialog.kind}
          onClose={closeContainerDialog}
        />
      )}
    </Stack>
  );
}
