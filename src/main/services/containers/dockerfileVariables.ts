/** The value of a build variable, or undefined where it is not declared or has no value. */
export type VariableLookup = (name: string) => string | undefined;

export interface Expansion {
  value: string;
  /** Variables that the text needs and the lookup could not give. */
  unresolved: string[];
}

/**
 * `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alternative}`: the substitutions Docker makes
 * in FROM, USER, ENV and ARG. An escaped `\$` stays literal.
 */
const VARIABLE = /\\\$|\$(?:\{(\w+)(?:(:[-+])([^}]*))?\}|(\w+))/g;

export function expandVariables(text: string, lookup: VariableLookup): Expansion {
  const unresolved: string[] = [];
  const value = text.replace(
    VARIABLE,
    (
      match,
      braced: string | undefined,
      operator: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      if (match === '\\$') return match;
      const name = braced ?? bare ?? '';
      const found = lookup(name);
      if (operator === ':-') return found ? found : (word ?? '');
      if (operator === ':+') return found ? (word ?? '') : '';
      if (found === undefined) unresolved.push(name);
      return found ?? '';
    },
  );
  return { value, unresolved };
}

/** Whether a value is nothing but a reference to another variable, e.g. `${API_KEY}`. */
export function isVariableReference(value: string): boolean {
  return /^\$(?:\{\w+(?::[-+][^}]*)?\}|\w+)$/.test(value.trim());
}
