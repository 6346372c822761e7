import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../../shared/contract/errors.js';
import { networkSetting } from './deploymentNetwork.js';

describe('networkSetting', () => {
  it('leaves the choice to the engine when unset or auto', () => {
    expect(networkSetting(undefined)).toBeUndefined();
    expect(networkSetting('')).toBeUndefined();
    expect(networkSetting('auto')).toBeUndefined();
  });

  it('forces host or bridge, as written in any case', () => {
    expect(networkSetting('host')).toBe('host');
    expect(networkSetting(' Bridge ')).toBe('bridge');
  });

  it('refuses anything else, naming the values it takes', () => {
    let refusal: unknown;
    try {
      networkSetting('none');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(WorkbenchError);
    expect((refusal as WorkbenchError).message).toMatch(/MLW_DEPLOY_NETWORK is "none"/);
    expect((refusal as WorkbenchError).hint).toMatch(/host, bridge or auto/);
  });
});
