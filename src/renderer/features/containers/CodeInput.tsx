import { TextInput, type TextInputProps } from '@mantine/core';

/** Monospace input text, for values that are code rather than words. */
export const CODE_INPUT_STYLES = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/**
 * A text field for a code-like value (an image reference, a resource quantity, a variable's name):
 * set in monospace and not spell-checked, with the label, description and error of any text field.
 */
export function CodeInput(props: Omit<TextInputProps, 'styles' | 'spellCheck'>) {
  return <TextInput styles={CODE_INPUT_STYLES} spellCheck={false} {...props} />;
}
