import type { Deployment } from '../../../../shared/contract/containerDeployments.js';

/**
 * What a deployment's workspace is called in a list: its folder's name (the full path is its
 * title), or "unknown workspace" for a container an older workbench started without saying whose.
 */
export function workspaceName(workspace: Deployment['workspace']): string {
  if (!workspace) return 'unknown workspace';
  const folder = workspace.path.split(/[\\/]/).filter(Boolean).pop();
  return folder ?? workspace.id;
}
