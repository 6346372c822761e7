import type { BuildRecord } from '../../../../shared/contract/containerBuilds.js';
import type { Deployment } from '../../../../shared/contract/containerDeployments.js';

const matches = (needle: string, fields: (string | undefined)[]): boolean =>
  needle === '' || fields.some((field) => field?.toLowerCase().includes(needle));

/** Builds whose model, tag, id or status holds the query (case-insensitive). */
export function filterBuilds(builds: BuildRecord[], query: string): BuildRecord[] {
  const needle = query.trim().toLowerCase();
  return builds.filter((b) => matches(needle, [`${b.model.name}@${b.model.version}`, b.tag, b.id, b.status]));
}

/** Deployments whose name, model, image, URL, state or workspace holds the query (case-insensitive). */
export function filterDeployments(deployments: Deployment[], query: string): Deployment[] {
  const needle = query.trim().toLowerCase();
  return deployments.filter((d) =>
    matches(needle, [
      d.name,
      d.model ? `${d.model.name}@${d.model.version}` : undefined,
      d.image,
      d.url,
      d.state,
      d.workspace?.current === false ? d.workspace.path : undefined,
    ]),
  );
}
