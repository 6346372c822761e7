import { useQueryClient } from '@tanstack/react-query';
import { navigate, useRoute } from '../../../app/navigation/route.js';
import { useClient } from '../../../app/query/clientContext.js';
import { MoveToTrashModal } from '../../../components/MoveToTrashModal.js';
import { describeError } from '../../../lib/describeError.js';

/** Asks, then moves drift/<id>/ to the trash; leaves the report's screen if it was open. */
export function RemoveReportModal({ id, onClose }: { id: string; onClose: () => void }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const route = useRoute();
  const remove = async (): Promise<string | null> => {
    try {
      await client.call('drift.remove', { id });
      queryClient.removeQueries({ queryKey: ['drift.get', { id }] });
      await queryClient.invalidateQueries({ queryKey: ['drift.list'] });
      if (route.section === 'drift' && route.item === id) navigate({ section: 'drift' });
      onClose();
      return null;
    } catch (error) {
      return describeError(error).message;
    }
  };
  return (
    <MoveToTrashModal
      title="Move this drift report to the trash?"
      move={{ from: `drift/${id}/`, to: `drift/.trash/${id}.<time>/` }}
      testId="drift-remove"
      onClose={onClose}
      onConfirm={remove}
    />
  );
}
