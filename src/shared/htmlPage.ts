// The one HTML page shell of the explorer panel, the compare panel and the standalone report: a strict
// Content-Security-Policy first in <head>, then what each adds (stylesheets, title), then its body.

/** Text made safe for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface HtmlPage {
  /** CSP directives, joined with "; " ("default-src 'none'" is the caller's first). */
  csp: string[];
  /** Plain text; escaped here. */
  title: string;
  /** Trusted markup after the title (stylesheet links, inline styles). */
  head: string;
  /** Trusted markup of the body. */
  body: string;
  /** A report opened from disk must not leak its path through a Referer (the panel has none to leak). */
  noReferrer?: boolean;
}

export function htmlPage(p: HtmlPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${p.csp.join('; ')}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${p.noReferrer ? '<meta name="referrer" content="no-referrer">\n' : ''}<title>${escapeHtml(p.title)}</title>
${p.head}
</head>
<body>
${p.body}
</body>
</html>
`;
}
