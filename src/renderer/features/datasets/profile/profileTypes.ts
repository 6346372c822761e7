// The profile's types, inferred from the contract (never written twice); one import point for this folder.
export type {
  Alert,
  AlertType,
  ColumnKind,
  ColumnProfile,
  LintFinding,
  NumericStats,
  Profile,
  TextStats,
} from '../../../../shared/contract/profile.js';
