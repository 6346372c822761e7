import { describe, expect, it } from 'vitest';
import { buildRecord, deployment } from '../testRecords.js';
import { filterBuilds, filterDeployments } from './filterContainers.js';

describe('filterBuilds', () => {
  const builds = [
    buildRecord(),
    buildRecord({
      id: 'iris-v1',
      model: { ...buildRecord().model, name: 'iris', version: 1 },
      tag: 'acme/iris:1',
    }),
  ];

  it('keeps everything for an empty query', () => {
    expect(filterBuilds(builds, '  ')).toHaveLength(2);
  });

  it('finds by model@version, tag and status, ignoring case', () => {
    expect(filterBuilds(builds, 'CHURN@3').map((b) => b.id)).toEqual([builds[0]!.id]);
    expect(filterBuilds(builds, 'acme/').map((b) => b.id)).toEqual(['iris-v1']);
    expect(filterBuilds(builds, 'prepared')).toHaveLength(2);
  });
});

describe('filterDeployments', () => {
  const list = [
    deployment(),
    deployment({ name: 'other', model: null, image: 'busybox:1', url: 'http://127.0.0.1:9000' }),
  ];

  it('finds by name, model, image and URL', () => {
    expect(filterDeployments(list, 'churn@3').map((d) => d.name)).toEqual(['churn-4f2a']);
    expect(filterDeployments(list, 'busybox').map((d) => d.name)).toEqual(['other']);
    expect(filterDeployments(list, ':9000').map((d) => d.name)).toEqual(['other']);
  });

  it("finds another workspace's deployments by that workspace's folder", () => {
    const theirs = deployment({
      name: 'theirs',
      workspace: { id: 'b', path: '/home/bo/fraud-lab', current: false },
    });
    expect(filterDeployments([...list, theirs], 'fraud-lab').map((d) => d.name)).toEqual(['theirs']);
    // This workspace's own folder is no match: every one of its deployments would be.
    expect(filterDeployments([...list, theirs], 'churn-study')).toEqual([]);
  });
});
