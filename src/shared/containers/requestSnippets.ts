/** One request to a served model, as the Try tab holds it. */
export interface SnippetRequest {
  /** The deployment's base URL, e.g. http://127.0.0.1:49152. */
  url: string;
  method: 'GET' | 'POST';
  path: string;
  /** The JSON body of a POST, as typed. */
  body?: string | undefined;
  /** The deployment needs `Authorization: Bearer <key>`: the snippets read it from $MLW_API_KEY. */
  auth: boolean;
}

/** The variable the snippets read the API key from; the key itself is never written into them. */
export const API_KEY_VARIABLE = 'MLW_API_KEY';

const fullUrl = (request: SnippetRequest): string => request.url.replace(/\/+$/, '') + request.path;

const hasBody = (request: SnippetRequest): request is SnippetRequest & { body: string } =>
  request.method === 'POST' && request.body !== undefined;

/** A POSIX shell single-quoted word: nothing inside is expanded. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function parsedJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** curl, with the body sent byte for byte and the key expanded by the shell from $MLW_API_KEY. */
export function curlSnippet(request: SnippetRequest): string {
  const lines = [`curl -sS -X ${request.method} ${shellQuote(fullUrl(request))}`];
  if (request.auth) lines.push(`-H "Authorization: Bearer $${API_KEY_VARIABLE}"`);
  if (hasBody(request)) {
    lines.push(`-H 'Content-Type: application/json'`);
    lines.push(`--data-binary ${shellQuote(request.body)}`);
  }
  return lines.join(' \\\n  ');
}

/** A JSON value as a Python literal: true/false/null become True/False/None; strings are JSON's, which Python reads alike. */
function pythonLiteral(value: unknown, indent: string): string {
  const inner = `${indent}    `;
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'number')) return `[${value.join(', ')}]`;
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${pythonLiteral(item, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries
    .map(([key, item]) => `${inner}${JSON.stringify(key)}: ${pythonLiteral(item, inner)},`)
    .join('\n')}\n${indent}}`;
}

/** Python with the standard library only (urllib), so it runs where `requests` is not installed. */
export function pythonSnippet(request: SnippetRequest): string {
  const imports = [
    'import json',
    ...(request.auth ? ['import os'] : []),
    'import urllib.error',
    'import urllib.request',
  ];
  const headers: string[] = [];
  const lines: string[] = [];
  if (hasBody(request)) {
    const parsed = parsedJson(request.body);
    lines.push(
      parsed
        ? `body = json.dumps(${pythonLiteral(parsed.value, '')}).encode("utf-8")`
        : `body = ${JSON.stringify(request.body)}.encode("utf-8")`,
    );
    headers.push('"Content-Type": "application/json"');
  }
  if (request.auth) headers.push(`"Authorization": f"Bearer {os.environ['${API_KEY_VARIABLE}']}"`);
  lines.push(
    'request = urllib.request.Request(',
    `    ${JSON.stringify(fullUrl(request))},`,
    `    method="${request.method}",`,
    ...(hasBody(request) ? ['    data=body,'] : []),
    ...(headers.length > 0 ? ['    headers={', ...headers.map((h) => `        ${h},`), '    },'] : []),
    ')',
    'try:',
    '    with urllib.request.urlopen(request) as response:',
    '        print(response.status, json.loads(response.read()))',
    'except urllib.error.HTTPError as error:',
    '    print(error.code, error.read().decode("utf-8"))',
  );
  return [...imports, '', ...lines].join('\n');
}

/** TypeScript (an ES module, for the top-level await) with fetch, as in Node 18+ and browsers. */
export function typescriptSnippet(request: SnippetRequest): string {
  const headers: string[] = [];
  let body: string | undefined;
  if (hasBody(request)) {
    headers.push(`'Content-Type': 'application/json'`);
    const parsed = parsedJson(request.body);
    // A "__proto__" key in an object literal sets the prototype instead of a property: keep the text.
    body =
      parsed && !request.body.includes('__proto__')
        ? `JSON.stringify(${JSON.stringify(parsed.value, null, 2).replace(/\n/g, '\n  ')})`
        : JSON.stringify(request.body);
  }
  if (request.auth) headers.push(`Authorization: \`Bearer \${process.env.${API_KEY_VARIABLE}}\``);
  return [
    `const response = await fetch(${JSON.stringify(fullUrl(request))}, {`,
    `  method: '${request.method}',`,
    ...(headers.length > 0 ? ['  headers: {', ...headers.map((h) => `    ${h},`), '  },'] : []),
    ...(body === undefined ? [] : [`  body: ${body},`]),
    '});',
    'console.log(response.status, JSON.stringify(await response.json(), null, 2));',
  ].join('\n');
}
