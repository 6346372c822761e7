import { Button, Stack } from '@mantine/core';
import { IconBellRinging, IconPlus, IconWaveSine } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { navigate } from '../../app/navigation/route.js';
import { ScreenHeader } from '../../components/ScreenHeader.js';
import classes from '../../components/layout/ListDetailLayout.module.css';
import { DriftReportList } from './list/DriftReportList.js';
import { MonitorsPanel } from './monitors/MonitorsPanel.js';
import { MONITORS_ITEM } from './monitors/monitorsRoute.js';
import { DriftReportView } from './report/DriftReportView.js';
import { NewReportForm } from './run/NewReportForm.js';
import { SimulateDialog } from './simulate/SimulateDialog.js';

/** Drift: the saved reports on the left; on the right the open one, a new report to run, or the monitors. */
export function DriftScreen({ item }: { item: string | undefined }) {
  const [simulating, setSimulating] = useState(false);
  const closeSimulate = useCallback(() => setSimulating(false), []);
  return (
    <Stack h="100%" gap={0}>
      <ScreenHeader title="Drift">
        <Button
          variant="default"
          leftSection={<IconWaveSine size={14} />}
          onClick={() => setSimulating(true)}
          data-testid="drift-simulate"
        >
          Simulate drift
        </Button>
        {item !== MONITORS_ITEM && (
          <Button
            variant="default"
            leftSection={<IconBellRinging size={14} />}
            onClick={() => navigate({ section: 'drift', item: MONITORS_ITEM })}
            data-testid="drift-monitors-open"
          >
            Monitors
          </Button>
        )}
        {item !== undefined && (
          <Button
            leftSection={<IconPlus size={14} />}
            onClick={() => navigate({ section: 'drift' })}
            data-testid="drift-new"
          >
            New report
          </Button>
        )}
      </ScreenHeader>
      <div className={classes.split} data-list-shown>
        <aside className={classes.list}>
          <DriftReportList selected={item} />
        </aside>
        <section className={classes.main}>
          {item === undefined ? (
            <NewReportForm />
          ) : item === MONITORS_ITEM ? (
            <MonitorsPanel />
          ) : (
            <DriftReportView key={item} id={item} />
          )}
        </section>
      </div>
      {simulating && <SimulateDialog onClose={closeSimulate} />}
    </Stack>
  );
}
