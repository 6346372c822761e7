import { ContainersScreen } from '../../features/containers/ContainersScreen.js';
import { DriftScreen } from '../../features/drift/DriftScreen.js';
import { DataScreen } from '../../features/datasets/DataScreen.js';
import { JobsScreen } from '../../features/jobs/JobsScreen.js';
import { ModelsScreen } from '../../features/models/ModelsScreen.js';
import { NotebooksScreen } from '../../features/notebooks/NotebooksScreen.js';
import { UpcomingScreen } from '../../features/upcoming/UpcomingScreen.js';
import type { Route } from '../navigation/route.js';

export function ScreenFor({ route }: { route: Route }) {
  switch (route.section) {
    case 'data':
      return <DataScreen slug={route.item} />;
    case 'jobs':
      return <JobsScreen jobId={route.item} />;
    case 'notebooks':
      return <NotebooksScreen name={route.item} />;
    case 'models':
      return <ModelsScreen item={route.item} />;
    case 'drift':
      return <DriftScreen item={route.item} />;
    case 'containers':
      return <ContainersScreen item={route.item} />;
    default:
      return <UpcomingScreen section={route.section} />;
  }
}
