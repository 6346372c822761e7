/** Apple keyboards say ⌘ where others say Ctrl; shortcuts are shown the way the user's keys read. */
export function isApplePlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.userAgent);
}

export function modKeyLabel(): string {
  return isApplePlatform() ? '⌘' : 'Ctrl';
}

export function shortcutLabel(key: string): string {
  return isApplePlatform() ? `⌘${key}` : `Ctrl+${key}`;
}
