import {
  Add,
  Arg,
  DockerfileParser,
  Env,
  From,
  Healthcheck,
  Keyword,
  Run,
  User,
  type Instruction,
  type Property,
} from 'dockerfile-ast';
import type { DockerfileFinding, SourceRange } from '../../../shared/contract/containers.js';
import { parseImageReference } from '../../../shared/containers/imageReference.js';
import { expandVariables, isVariableReference, type VariableLookup } from './dockerfileVariables.js';

interface Stage {
  from: From;
  /** The stage's name (`FROM … AS name`), lowercased as Docker compares them. */
  name: string | undefined;
  instructions: Instruction[];
}

interface Parsed {
  /** Instructions before the first FROM: only ARGs are allowed there. */
  preamble: Instruction[];
  stages: Stage[];
  /** The preamble's ARGs with their defaults expanded: the only variables FROM can use. */
  globalArgs: Map<string, string | undefined>;
}

/** dockerfile-ast's range: 0-based lines and characters, end exclusive (the LSP shape). */
type Range = ReturnType<Instruction['getRange']>;

const KEYWORDS = new Set<string>(Object.values(Keyword));

/**
 * Lints a Dockerfile for what matters when it serves a model: a reproducible base, a non-root user,
 * no secrets baked in, a health check, lean layers. Findings carry 1-based ranges (Monaco markers),
 * sorted by position. Parse problems come first in importance: without a FROM the stage rules are
 * skipped, since they would only repeat the same problem.
 */
export function lintDockerfile(text: string): DockerfileFinding[] {
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  if (instructions.length === 0) {
    return [
      finding('empty-file', 'error', 'The Dockerfile has no instructions.', 'Start it with FROM <image>.', {
        start: { line: 0, character: 0 },
        end: { line: 0, character: 0 },
      }),
    ];
  }
  const parsed = splitStages(instructions);
  const findings = [...structureFindings(parsed, instructions)];
  for (const instruction of instructions) {
    findings.push(...secretFindings(instruction));
    if (instruction instanceof Add) findings.push(...addFindings(instruction));
    if (instruction instanceof Run) findings.push(...aptFindings(instruction));
  }
  if (parsed.stages.length > 0) {
    findings.push(...baseImageFindings(parsed));
    findings.push(...finalStageFindings(parsed));
    for (const stage of parsed.stages) findings.push(...unmergedRunFindings(stage));
  }
  return findings.sort(
    (a, b) =>
      a.range.startLine - b.range.startLine ||
      a.range.startColumn - b.range.startColumn ||
      a.rule.localeCompare(b.rule),
  );
}

function splitStages(instructions: Instruction[]): Parsed {
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction instanceof From) {
      stages.push({ from: instruction, name: instruction.getBuildStage()?.toLowerCase(), instructions: [] });
    } else {
      (stages.at(-1)?.instructions ?? preamble).push(instruction);
    }
  }
  const globalArgs = new Map<string, string | undefined>();
  for (const instruction of preamble) {
    const property = instruction instanceof Arg ? instruction.getProperty() : null;
    if (!property) continue;
    const value = property.getValue();
    globalArgs.set(
      property.getName(),
      value === null ? undefined : expandVariables(value, (name) => globalArgs.get(name)).value,
    );
  }
  return { preamble, stages, globalArgs };
}

function structureFindings(parsed: Parsed, instructions: Instruction[]): DockerfileFinding[] {
  const findings: DockerfileFinding[] = [];
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (!KEYWORDS.has(keyword)) {
      const guess = closestKeyword(keyword);
      findings.push(
        finding(
          'unknown-instruction',
          'error',
          `${instruction.getInstruction()} is not a Dockerfile instruction.`,
          guess
            ? `Did you mean ${guess}?`
            : 'A line that continues the one before needs a backslash at the end of that line.',
          instruction.getInstructionRange(),
        ),
      );
    }
  }
  const first = instructions[0];
  if (parsed.stages.length === 0 && first) {
    findings.push(
      finding(
        'no-from',
        'error',
        'The Dockerfile has no FROM, so there is no image to build on.',
        'Start it with FROM <image>; only ARG may come before the first FROM.',
        first.getInstructionRange(),
      ),
    );
  } else {
    const misplaced = parsed.preamble.find(
      (instruction) => !(instruction instanceof Arg) && KEYWORDS.has(instruction.getKeyword()),
    );
    if (misplaced) {
      findings.push(
        finding(
          'no-from',
          'error',
          `${misplaced.getKeyword()} comes before the first FROM, where it has no image to act on.`,
          'Move it below FROM; only ARG may come before the first FROM.',
          misplaced.getInstructionRange(),
        ),
      );
    }
  }
  return findings;
}

function baseImageFindings(parsed: Parsed): DockerfileFinding[] {
  const findings: DockerfileFinding[] = [];
  const earlierStages = new Set<string>();
  for (const { from, name } of parsed.stages) {
    const problem = baseImageProblem(from, parsed.globalArgs, earlierStages);
    if (problem) findings.push(problem);
    if (name) earlierStages.add(name);
  }
  return findings;
}

function baseImageProblem(
  from: From,
  globalArgs: Map<string, string | undefined>,
  earlierStages: Set<string>,
): DockerfileFinding | undefined {
  const raw = from.getImage();
  const range = from.getImageRange() ?? from.getRange();
  if (raw === null) {
    return finding(
      'invalid-image',
      'error',
      'FROM names no image.',
      'Write FROM <image>[:tag][@digest].',
      range,
    );
  }
  const { value: image, unresolved } = expandVariables(raw, (name) => globalArgs.get(name));
  if (unresolved.length > 0) {
    const names = unresolved.join(', ');
    return finding(
      'base-unpinned',
      'info',
      `FROM ${raw} depends on the build argument ${names}, which has no default before the first FROM, so the image is chosen only at build time.`,
      `Give ${names} a pinned default (ARG ${unresolved[0] ?? 'BASE'}=image:tag@sha256:…) before the first FROM, or pass a pinned image with --build-arg.`,
      range,
    );
  }
  const lowered = image.toLowerCase();
  if (lowered === 'scratch' || earlierStages.has(lowered)) return undefined;
  const shown = image === raw ? `FROM ${raw}` : `FROM ${raw} (${image})`;
  const reference = parseImageReference(image);
  if (!reference) {
    return finding(
      'invalid-image',
      'error',
      `${shown} is not a valid image reference.`,
      'An image is [registry/]repository[:tag][@sha256:digest], with a lowercase repository.',
      range,
    );
  }
  if (reference.digest) return undefined;
  const digestHint = `\`docker buildx imagetools inspect ${image}\` prints the digest to add as @sha256:….`;
  if (reference.tag === undefined || reference.tag === 'latest') {
    const meaning = reference.tag === undefined ? 'has no tag, so it means latest' : 'uses latest';
    return finding(
      'base-unpinned',
      'warning',
      `${shown} ${meaning}: whatever was pushed last, so the same Dockerfile builds a different image from one day to the next.`,
      `Name a version tag and its digest, e.g. ${reference.repository}:<version>@sha256:…; ${digestHint}`,
      range,
    );
  }
  return finding(
    'base-unpinned',
    'info',
    `${shown} names a tag, which can be pushed again; its digest makes the build reproducible.`,
    `Keep the tag for readers and add the digest after it; ${digestHint}`,
    range,
  );
}

/**
 * USER and HEALTHCHECK carry over from a parent stage (`FROM build`), so the final stage is read
 * together with the stages it builds on.
 */
function finalStageFindings(parsed: Parsed): DockerfileFinding[] {
  const final = parsed.stages.at(-1);
  if (!final) return [];
  const lineage = stageLineage(parsed.stages, final);
  const lastOf = <T extends Instruction>(kind: abstract new (...args: never[]) => T): T | undefined => {
    for (const stage of lineage) {
      const found = stage.instructions
        .filter((instruction): instruction is T => instruction instanceof kind)
        .at(-1);
      if (found) return found;
    }
    return undefined;
  };
  const findings: DockerfileFinding[] = [];
  const user = lastOf(User);
  if (!user) {
    findings.push(
      finding(
        'root-user',
        'warning',
        'The final stage sets no USER, so the server runs as root unless the base image says otherwise.',
        'Add USER with a non-root user before CMD; a numeric one (USER 10001) also satisfies Kubernetes runAsNonRoot.',
        final.from.getRange(),
      ),
    );
  } else if (isRoot(user, stageVariables(parsed, lineage, user))) {
    findings.push(
      finding(
        'root-user',
        'warning',
        'The final stage runs as root: anything that breaks out of the server owns the container.',
        'Switch to a non-root user before CMD, e.g. USER 10001; a numeric one also satisfies Kubernetes runAsNonRoot.',
        user.getRange(),
      ),
    );
  }
  if (!lastOf(Healthcheck)) {
    findings.push(
      finding(
        'no-healthcheck',
        'warning',
        'The image has no HEALTHCHECK, so Docker cannot tell a hung server from a healthy one.',
        'Add e.g. HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/health || exit 1 (Kubernetes uses its own probes).',
        final.from.getRange(),
      ),
    );
  }
  return findings;
}

/** The stage and the earlier stages it is built FROM, nearest first. */
function stageLineage(stages: Stage[], stage: Stage): Stage[] {
  const lineage = [stage];
  let current = stage;
  for (;;) {
    const parentName = current.from.getImage()?.toLowerCase();
    const parent = stages
      .slice(0, stages.indexOf(current))
      .reverse()
      .find((candidate) => candidate.name !== undefined && candidate.name === parentName);
    if (!parent) return lineage;
    lineage.push(parent);
    current = parent;
  }
}

/** ENV values and ARGs (a bare `ARG NAME` re-imports the global) in force where `at` stands. */
function stageVariables(parsed: Parsed, lineage: Stage[], at: Instruction): VariableLookup {
  const variables = new Map<string, string | undefined>();
  const line = at.getRange().start.line;
  for (const stage of [...lineage].reverse()) {
    for (const instruction of stage.instructions) {
      if (instruction.getRange().start.line >= line) break;
      if (instruction instanceof Arg) {
        const property = instruction.getProperty();
        if (property)
          variables.set(property.getName(), property.getValue() ?? parsed.globalArgs.get(property.getName()));
      } else if (instruction instanceof Env) {
        for (const property of instruction.getProperties())
          variables.set(property.getName(), property.getValue() ?? '');
      }
    }
  }
  return (name) => variables.get(name);
}

/** `root`, `0`, `root:group` or `0:0`; a user Docker cannot resolve here is given the benefit of the doubt. */
function isRoot(user: User, lookup: VariableLookup): boolean {
  const raw = user.getArgumentsContent()?.trim() ?? '';
  const { value, unresolved } = expandVariables(raw, lookup);
  if (unresolved.length > 0) return false;
  const name = value.split(':')[0]?.trim();
  return name === 'root' || name === '0';
}

function unmergedRunFindings(stage: Stage): DockerfileFinding[] {
  const groups: Run[][] = [];
  let previous: Instruction | undefined;
  for (const instruction of stage.instructions) {
    const mergeable =
      instruction instanceof Run && previous instanceof Run && flagsOf(instruction) === flagsOf(previous);
    if (mergeable) groups.at(-1)?.push(instruction);
    else if (instruction instanceof Run) groups.push([instruction]);
    previous = instruction;
  }
  return groups
    .filter((group) => group.length > 1)
    .map((group) => {
      const first = group[0] as Run;
      const last = group.at(-1) as Run;
      const second = group[1] as Run;
      const lines = `${first.getRange().start.line + 1}–${last.getRange().end.line + 1}`;
      return finding(
        'run-unmerged',
        'info',
        `${group.length} RUN instructions in a row (lines ${lines}) make ${group.length} layers; they could be one.`,
        'Join the commands with && in one RUN (or one RUN <<EOF heredoc): files a later step deletes then never land in a layer.',
        { start: second.getRange().start, end: last.getRange().end },
      );
    });
}

/** Flags such as --mount or --network: RUNs with different flags cannot simply be joined. */
function flagsOf(run: Run): string {
  return run
    .getFlags()
    .map((flag) => flag.toString())
    .join(' ');
}

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'secret',
  'secrets',
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'credential',
  'credentials',
]);
const SECRET_PAIRS = new Set(['api key', 'access key', 'private key']);
/** DB_PASSWORD_FILE=/run/secrets/db names where a secret is, which is how it should be done. */
const POINTER_SUFFIXES = new Set(['file', 'path', 'dir', 'name']);

/** Splits FOO_BAR, foo-bar and fooBar into lowercase words. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function looksLikeSecretName(name: string): boolean {
  const words = nameWords(name);
  if (POINTER_SUFFIXES.has(words.at(-1) ?? '')) return false;
  return words.some(
    (word, index) => SECRET_WORDS.has(word) || SECRET_PAIRS.has(`${word} ${words[index + 1] ?? ''}`),
  );
}

function secretFindings(instruction: Instruction): DockerfileFinding[] {
  const properties: Property[] =
    instruction instanceof Env
      ? instruction.getProperties()
      : instruction instanceof Arg
        ? [instruction.getProperty()].filter((property): property is Property => property !== null)
        : [];
  const keyword = instruction.getKeyword();
  return properties
    .filter((property) => {
      const value = property.getValue();
      return looksLikeSecretName(property.getName()) && !!value?.trim() && !isVariableReference(value);
    })
    .map((property) =>
      finding(
        'secret-in-env',
        'error',
        keyword === 'ENV'
          ? `ENV ${property.getName()} bakes a literal secret into the image: anyone who can pull it can read it.`
          : `ARG ${property.getName()} has a literal default, which the image history records for anyone to read.`,
        'Pass secrets when the container runs (docker run -e, a Kubernetes Secret) or to the build with RUN --mount=type=secret.',
        property.getRange(),
      ),
    );
}

/** ADD fetches URLs and unpacks local tar archives; for anything else COPY says what happens. */
const ADD_ONLY_SOURCE =
  /^(?:https?:\/\/|git@|git:\/\/)|\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;

function addFindings(add: Add): DockerfileFinding[] {
  const json = add.getJSONStrings().map((argument) => argument.getJSONValue());
  const args = json.length > 0 ? json : add.getArguments().map((argument) => argument.getValue());
  const sources = args.slice(0, -1);
  if (sources.length === 0 || args.some((arg) => arg.startsWith('<<'))) return [];
  if (sources.some((source) => ADD_ONLY_SOURCE.test(source))) return [];
  return [
    finding(
      'add-instead-of-copy',
      'info',
      'ADD of a local file does what COPY does, plus rules (URL fetching, archive unpacking) a reader has to rule out.',
      'Use COPY for local files; keep ADD for a URL or a tar archive to unpack.',
      add.getRange(),
    ),
  ];
}

const APT_INSTALL = /\bapt(?:-get)?\s+(?:[^\n&|;]*\s)?install\b/;
const APT_LISTS_REMOVED = /\brm\s+(?:-\w+\s+)*[^\n&|;]*\/var\/lib\/apt\/lists/;

function aptFindings(run: Run): DockerfileFinding[] {
  const script = run.getArgumentsContent() ?? '';
  if (!APT_INSTALL.test(script) || APT_LISTS_REMOVED.test(script)) return [];
  // A cache mount keeps the lists out of the layer anyway.
  const cached = run
    .getFlags()
    .some(
      (flag) =>
        flag.getName() === 'mount' &&
        /type=cache/.test(flag.getValue() ?? '') &&
        /\/var\/lib\/apt/.test(flag.getValue() ?? ''),
    );
  if (cached) return [];
  return [
    finding(
      'apt-no-clean',
      'info',
      'apt-get install leaves the package lists (/var/lib/apt/lists, tens of MB) in this layer.',
      'End the same RUN with && rm -rf /var/lib/apt/lists/*: a later RUN cannot shrink this layer.',
      run.getRange(),
    ),
  ];
}

/** A typo's likely meaning: one edit away, or two in a long word (FOO is not FROM, ENTRYPONT is ENTRYPOINT). */
function closestKeyword(word: string): string | undefined {
  let best: { keyword: string; distance: number } | undefined;
  for (const keyword of KEYWORDS) {
    const distance = editDistance(word, keyword);
    const near = distance <= (keyword.length >= 6 ? 2 : 1);
    if (near && (!best || distance < best.distance)) best = { keyword, distance };
  }
  return best?.keyword;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

function finding(
  rule: DockerfileFinding['rule'],
  severity: DockerfileFinding['severity'],
  message: string,
  hint: string,
  range: Range,
): DockerfileFinding {
  return { rule, severity, message, hint, range: toSourceRange(range) };
}

/** LSP ranges are 0-based with an exclusive end; Monaco's are 1-based with an exclusive end column. */
function toSourceRange(range: Range): SourceRange {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}
