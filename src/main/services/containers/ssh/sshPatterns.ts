/**
 * OpenSSH's patterns, as known_hosts and ssh_config use them: `*` is any run of characters, `?` one
 * character, anything else literal. Host names compare without regard to case.
 */
export function matchesPattern(pattern: string, name: string, ignoreCase = true): boolean {
  const source = (ignoreCase ? pattern.toLowerCase() : pattern)
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(ignoreCase ? name.toLowerCase() : name);
}

/**
 * A comma-separated pattern list (`*.lab,!db.lab`): some pattern matches and no negated one does,
 * as OpenSSH's match_pattern_list decides it.
 */
export function matchesPatternList(list: string, name: string, ignoreCase = true): boolean {
  let matched = false;
  for (const pattern of list.split(',')) {
    const negated = pattern.startsWith('!');
    if (!matchesPattern(negated ? pattern.slice(1) : pattern, name, ignoreCase)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}
