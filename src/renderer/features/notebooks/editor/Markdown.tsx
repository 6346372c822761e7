import { Typography } from '@mantine/core';
import { Marked } from 'marked';
import { useMemo } from 'react';
import { escapeHtml } from '../../../../shared/format/html.js';

/**
 * Raw HTML in a notebook's Markdown is shown as text, never parsed: a notebook from elsewhere
 * must not run script or load anything in the workbench's window. Links cannot be javascript:.
 */
const marked = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link: ({ href, text }) =>
      /^(https?:|mailto:|#)/i.test(href)
        ? `<a href="${escapeHtml(href)}" target="_blank" rel="noreferrer">${escapeHtml(text)}</a>`
        : escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
  },
});

export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => marked.parse(text, { async: false }), [text]);
  return (
    <Typography p={0} fz="sm" data-testid="markdown-output">
      {/* Sanitized above: no raw HTML, no script URLs. */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
