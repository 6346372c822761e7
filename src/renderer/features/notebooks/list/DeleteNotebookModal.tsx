import { MoveToTrashModal } from '../../../components/MoveToTrashModal.js';

/** Asks before a notebook moves to the trash, naming the file and where it goes. */
export function DeleteNotebookModal(props: {
  name: string;
  onClose: () => void;
  /** Resolves with an error message to show, or null when done. */
  onConfirm: () => Promise<string | null>;
}) {
  return (
    <MoveToTrashModal
      title={`Move “${props.name}” to the trash?`}
      move={{ from: `notebooks/${props.name}.ipynb`, to: 'notebooks/.trash/' }}
      testId="delete-notebook"
      onClose={props.onClose}
      onConfirm={props.onConfirm}
    />
  );
}
