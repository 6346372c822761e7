import { visiblePieces } from './visibleChars.js';

/** A value with its invisible characters drawn as small inverted marks (LF, CR, TAB…). */
export function VisibleText({ text }: { text: string }) {
  return (
    <>
      {visiblePieces(text).map((piece, index) =>
        'text' in piece ? (
          <span key={index}>{piece.text}</span>
        ) : (
          <span
            key={index}
            title={piece.title}
            aria-label={piece.title}
            data-testid="invisible-mark"
            style={{
              fontSize: '0.75em',
              padding: '0 2px',
              margin: '0 1px',
              borderRadius: 2,
              background: 'var(--mantine-color-orange-light)',
              color: 'var(--mantine-color-orange-light-color)',
              fontWeight: 600,
            }}
          >
            {piece.mark}
          </span>
        ),
      )}
    </>
  );
}
