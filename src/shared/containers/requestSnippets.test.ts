import { describe, expect, it } from 'vitest';
import { curlSnippet, pythonSnippet, typescriptSnippet } from './requestSnippets.js';

const predict = {
  url: 'http://127.0.0.1:49152/',
  method: 'POST' as const,
  path: '/predict',
  body: '{"inputs": {"x": {"shape": [1, 3], "data": [0.1, 0.2, 0.3]}}}',
  auth: true,
};

describe('curlSnippet', () => {
  it('quotes the URL and body for the shell and reads the key from $MLW_API_KEY', () => {
    expect(curlSnippet(predict)).toBe(
      [
        "curl -sS -X POST 'http://127.0.0.1:49152/predict' \\",
        '  -H "Authorization: Bearer $MLW_API_KEY" \\',
        "  -H 'Content-Type: application/json' \\",
        `  --data-binary '${predict.body}'`,
      ].join('\n'),
    );
  });

  it('escapes single quotes in the body', () => {
    expect(curlSnippet({ ...predict, auth: false, body: `{"name": "it's"}` })).toContain(
      `--data-binary '{"name": "it'\\''s"}'`,
    );
  });

  it('sends no body or key for a GET without auth', () => {
    expect(curlSnippet({ ...predict, method: 'GET', path: '/metadata', auth: false })).toBe(
      "curl -sS -X GET 'http://127.0.0.1:49152/metadata'",
    );
  });
});

describe('pythonSnippet', () => {
  it('writes the body as a Python literal and the key from the environment', () => {
    const code = pythonSnippet({ ...predict, body: '{"a": [true, null], "b": {"c": [1, 2]}}' });
    expect(code).toContain('import os');
    expect(code).toContain('body = json.dumps({\n    "a": [\n        True,\n        None,\n    ],');
    expect(code).toContain('"c": [1, 2],');
    expect(code).toContain(`"Authorization": f"Bearer {os.environ['MLW_API_KEY']}",`);
  });

  it('sends a body that is not JSON as it is', () => {
    expect(pythonSnippet({ ...predict, body: '{oops' })).toContain('body = "{oops".encode("utf-8")');
  });
});

describe('typescriptSnippet', () => {
  it('uses fetch with the key from process.env', () => {
    const code = typescriptSnippet(predict);
    expect(code).toContain('const response = await fetch("http://127.0.0.1:49152/predict", {');
    expect(code).toContain('Authorization: `Bearer ${process.env.MLW_API_KEY}`,');
    expect(code).toContain('body: JSON.stringify({');
  });

  it('keeps a body with __proto__ as text', () => {
    expect(typescriptSnippet({ ...predict, body: '{"__proto__": 1}' })).toContain(
      'body: "{\\"__proto__\\": 1}",',
    );
  });
});
