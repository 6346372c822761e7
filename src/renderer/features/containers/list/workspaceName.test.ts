import { describe, expect, it } from 'vitest';
import { workspaceName } from './workspaceName.js';

describe('workspaceName', () => {
  const id = '16fd2706-8baf-433b-82eb-8c7fada847da';

  it("is the folder's name, from a POSIX or a Windows path", () => {
    expect(workspaceName({ id, path: '/home/ada/churn-study/', current: false })).toBe('churn-study');
    expect(workspaceName({ id, path: 'C:\\Users\\ada\\fraud', current: false })).toBe('fraud');
  });

  it('is the id when the container names no folder, and unknown when it names no workspace', () => {
    expect(workspaceName({ id, path: '', current: false })).toBe(id);
    expect(workspaceName(null)).toBe('unknown workspace');
  });
});
