import { describe, expect, it } from 'vitest';
import { notebookNameSchema } from '../../../../shared/contract/notebooks.js';
import { checkNotebookName } from './notebookName.js';

const existing = ['Heights EDA', 'Churn'];

describe('checking a notebook name as it is typed', () => {
  it('accepts a free name, trimming it and dropping a typed .ipynb', () => {
    expect(checkNotebookName('  My analysis ', existing)).toEqual({ name: 'My analysis', error: null });
    expect(checkNotebookName('report-2026.v2.ipynb', existing)).toEqual({
      name: 'report-2026.v2',
      error: null,
    });
  });

  it('says what is wrong with a name the service would refuse', () => {
    expect(checkNotebookName('   ', existing).error).toBe('Give the notebook a name.');
    expect(checkNotebookName('.hidden', existing).error).toBe(
      'A name cannot start with a dot (the file would be hidden).',
    );
    expect(checkNotebookName('a/b', existing).error).toMatch(/^“\/” cannot be in a name/);
    expect(checkNotebookName('ends.', existing).error).toBe('A name cannot end with a dot.');
    expect(checkNotebookName('x'.repeat(101), existing).error).toMatch(/at most 100/);
    for (const bad of ['a/b', '.hidden', 'ends.', 'x'.repeat(101), 'a:b', 'what?', 'tab\there']) {
      expect(notebookNameSchema.safeParse(bad).success).toBe(false);
      expect(checkNotebookName(bad, []).error).not.toBeNull();
    }
  });

  it('accepts the names browsers and people give files: parentheses, accents, commas', () => {
    for (const name of ['analysis (1)', 'naïve Bayes', 'Q&A, v2', 'résumé [draft]'])
      expect(checkNotebookName(name, existing)).toEqual({ name, error: null });
  });

  it('refuses another notebook’s name, ignoring case, but not the notebook’s own', () => {
    expect(checkNotebookName('churn', existing).error).toBe('A notebook named “Churn” already exists.');
    expect(checkNotebookName('Churn', existing, 'Heights EDA').error).toMatch(/already exists/);
    expect(checkNotebookName('CHURN', existing, 'Churn').error).toBeNull();
  });
});
