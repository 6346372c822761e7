import { useSyncExternalStore } from 'react';
import { emptyDriftForm, type DriftForm } from './driftForm.js';

/**
 * The New report form's choices, kept while the screen is left so a second report starts from the
 * first's, and settable from elsewhere (the simulator prefills it) while the form is on screen.
 */
let draft: DriftForm = emptyDriftForm;
const listeners = new Set<() => void>();

export function setReportDraft(next: DriftForm): void {
  draft = next;
  for (const listener of listeners) listener();
}

export function getReportDraft(): DriftForm {
  return draft;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useReportDraft(): DriftForm {
  return useSyncExternalStore(subscribe, getReportDraft);
}
