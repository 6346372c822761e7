import { describe, expect, it } from 'vitest';
import { formatTable } from './formatTable.js';

describe('plain-text tables', () => {
  it('cuts long cells at the end, or at the start for paths so the file name stays', () => {
    const path = '/tmp/a/very/long/folder/name/that/goes/on/nested/broken.onnx';
    const table = formatTable(
      [{ path, note: 'a note that is longer than its column allows' }],
      [
        { header: 'FILE', value: (r) => r.path, maxWidth: 24, cut: 'start' },
        { header: 'NOTE', value: (r) => r.note, maxWidth: 12 },
      ],
    );
    const row = table.split('\n')[2] ?? '';
    expect(row).toContain('…s/on/nested/broken.onnx');
    expect(row).toContain('a note that…');
  });
});
