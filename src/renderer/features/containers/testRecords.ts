import type { BuildRecord } from '../../../shared/contract/containerBuilds.js';
import type { Deployment } from '../../../shared/contract/containerDeployments.js';

/** A build record for tests, built as the service writes one; `change` sets what a test is about. */
export function buildRecord(change: Partial<BuildRecord> = {}): BuildRecord {
  return {
    schemaVersion: 1,
    id: 'churn-v3-20261207-101500',
    createdAt: '2026-12-07T10:15:00.000Z',
    model: { name: 'churn', version: 3, sha256: 'a'.repeat(64), fileName: 'model.onnx' },
    tag: 'mlw/churn:3',
    base: { image: 'node:22-bookworm-slim', digest: null },
    port: 8080,
    server: { version: '0.1.0' },
    workbench: { version: '0.1.0' },
    onnxruntime: { version: '1.30.0' },
    status: 'prepared',
    image: null,
    startedAt: null,
    endedAt: null,
    error: null,
    verification: null,
    pushes: [],
    ...change,
  };
}

/** A deployment for tests, as `containers.ps` lists one. */
export function deployment(change: Partial<Deployment> = {}): Deployment {
  return {
    name: 'churn-4f2a',
    containerId: 'c'.repeat(64),
    image: 'mlw/churn:3',
    buildId: 'churn-v3-20261207-101500',
    model: { name: 'churn', version: 3 },
    state: 'running',
    health: 'healthy',
    url: 'http://127.0.0.1:49152',
    port: 49152,
    network: 'host',
    capture: null,
    auth: false,
    limits: { memoryBytes: null, cpus: null },
    createdAt: '2026-12-07T10:20:00.000Z',
    exitCode: null,
    workspace: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', path: '/home/ada/churn-study', current: true },
    ...change,
  };
}
