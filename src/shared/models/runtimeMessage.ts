/**
 * ONNX Runtime's error text without its C++: the source location (`/onnxruntime_src/…/x.cc:264`),
 * the function it was thrown in (a bare name or a whole signature, `onnxruntime::common::Status
 * onnxruntime::…(const onnxruntime::Env&, …)`), status prefixes (`[ONNXRuntimeError] : 1 : FAIL :`),
 * `Load model from <path> failed:`, failed assertions (`x > -1 was false.`) and stack traces. A node
 * dump (`In Node, ("add1", Add, "", -1) : (…) -> (…) , Error`) and a failed run's preamble
 * (`Non-zero status code returned while running Add node. Name:'add1' Status Message:`) become
 * `node add1 (Add):`.
 * What remains is the sentence that says what is wrong.
 */
export function cleanRuntimeMessage(text: string): string {
  let message = (text.split(/\r?\n\s*(?:Stacktrace:|at )/)[0] ?? text).replace(/\s+/g, ' ');
  message = message
    .replace(/Load model from .*? failed:/g, '')
    .replace(/Exception during initialization: /g, '');
  message = message.replace(
    /In Node, \("([^"]*)", ([\w.]+), "[^"]*", -?\d+\) : .*? , Error /g,
    (_, name: string, op: string) => (name ? `node ${name} (${op}): ` : `a ${op} node: `),
  );
  message = message.replace(
    /Non-zero status code returned while running ([\w.]+) node\. Name:'([^']*)' Status Message: /g,
    (_, op: string, name: string) => (name ? `node ${name} (${op}): ` : `a ${op} node: `),
  );
  for (;;) {
    const location = /(?:\S*[\\/])?[\w.-]+\.(?:cc|cpp|h|hpp|cu):\d+ /.exec(message);
    if (!location) break;
    const rest = message.slice(location.index + location[0].length);
    message = message.slice(0, location.index) + withoutFunction(rest);
  }
  return message
    .replace(/\[ONNXRuntimeError\] : \d+ : \w+ : /g, '')
    .replace(/This is an invalid model\. /g, '')
    .replace(/(^|: |\. )(?:(?!\. |: ).)*? was false\. (?=\S)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Drops the function that follows a source location: a whole C++ signature, or one bare name. */
function withoutFunction(text: string): string {
  const firstWord = /^\S+/.exec(text)?.[0] ?? '';
  if (!firstWord.includes('::') && !firstWord.includes('(')) return text.replace(/^\w+ /, '');
  const open = text.indexOf('(');
  if (open < 0) return text;
  let depth = 0;
  let index = open;
  for (; index < text.length; index++) {
    if (text[index] === '(') depth++;
    else if (text[index] === ')' && --depth === 0) break;
  }
  return text.slice(index + 1).replace(/^(?:::<lambda\([^)]*\)>| const| noexcept)*\s*/, '');
}
