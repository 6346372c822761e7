/** The Drift section's item for the monitors panel: no report id can start with "@". */
export const MONITORS_ITEM = '@monitors';
