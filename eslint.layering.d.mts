import type { Linter } from 'eslint';

export declare const layeringConfigs: Linter.Config[];
