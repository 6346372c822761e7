import { readFileSync } from 'node:fs';
import { LineType, parse, type Directive } from 'ssh-config';
import { WorkbenchError } from '../../../../shared/contract/errors.js';

/** One keyword line of an ssh_config file, where it stands and its arguments (quotes removed). */
export interface SshConfigLine {
  readonly file: string;
  /** 1-based, as ssh numbers them in its messages. */
  readonly line: number;
  /** Lower case: ssh_config keywords are case-insensitive. */
  readonly keyword: string;
  /** The keyword as written, for messages. */
  readonly name: string;
  readonly args: readonly string[];
}

/** The lines of an ssh_config file; undefined when it cannot be read, which ssh takes as no file. */
export function readSshConfigLines(file: string): SshConfigLine[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return parseSshConfigLines(text, file);
}

/**
 * ssh_config has no line continuation, so each line is parsed on its own by `ssh-config` (quotes,
 * `=` separators, comments, argument lists): a line it cannot read is named with its number.
 */
export function parseSshConfigLines(text: string, file: string): SshConfigLine[] {
  return text.split(/\r?\n/).flatMap((raw, index) => {
    let directive: Directive | undefined;
    try {
      const [node] = parse(raw);
      if (node?.type === LineType.DIRECTIVE && node.param) directive = node;
    } catch (error) {
      throw new WorkbenchError({
        code: 'DOCKER_UNREACHABLE',
        message: `${file} line ${index + 1} cannot be read as ssh configuration: ${reason(error, raw)}.`,
        hint: `Fix that line; \`ssh -G HOST\` checks the file as ssh reads it.`,
        details: { file, line: index + 1 },
      });
    }
    if (!directive) return [];
    const { param } = directive;
    return [
      { file, line: index + 1, keyword: param.toLowerCase(), name: param, args: argumentsOf(directive) },
    ];
  });
}

function argumentsOf(directive: Directive): string[] {
  const { value } = directive;
  if (Array.isArray(value)) return value.map((part) => part.val);
  if (directive.quoted) return [value];
  return value.split(/\s+/).filter(Boolean);
}

function reason(error: unknown, raw: string): string {
  const said = error instanceof Error ? error.message : '';
  if (said.startsWith('Unexpected line break')) return 'a quote or a backslash is not closed';
  const missing = /^Missing value for match criteria (\S+)/.exec(said);
  if (missing) return `Match ${missing[1]} needs a value`;
  // What is left is a list keyword (Host, Match, UserKnownHostsFile…) with nothing after it.
  return `${raw.trim().split(/[\s=]/)[0]} needs an argument`;
}
