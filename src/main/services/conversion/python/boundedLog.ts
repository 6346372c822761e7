/**
 * A converter's log (stdout and stderr as they arrive), capped: the head shows what started and the
 * tail holds the traceback that explains a failure, so what is left out is the middle.
 */
export interface BoundedLog {
  append(text: string): void;
  text(): string;
}

export function createBoundedLog(limit = 256 * 1024): BoundedLog {
  const headLimit = Math.floor(limit / 4);
  let head = '';
  let tail = '';
  let dropped = 0;
  return {
    append(text) {
      if (head.length < headLimit) {
        const room = headLimit - head.length;
        head += text.slice(0, room);
        text = text.slice(room);
      }
      tail += text;
      const excess = tail.length - (limit - headLimit);
      if (excess > 0) {
        tail = tail.slice(excess);
        dropped += excess;
      }
    },
    text() {
      return dropped === 0
        ? head + tail
        : `${head}\n[... ${dropped} characters of log left out ...]\n${tail}`;
    },
  };
}
