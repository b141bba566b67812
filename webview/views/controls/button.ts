// A toolbar button: vscode-button in the real webview, a plain button where the elements are not loaded (tests).
export interface ButtonOptions {
  icon?: string;
  secondary?: boolean;
  title?: string;
}

export function button(doc: Document, label: string, onClick: () => void, opts: ButtonOptions = {}): HTMLElement {
  const defined = typeof customElements !== 'undefined' && customElements.get('vscode-button');
  const b = doc.createElement(defined ? 'vscode-button' : 'button');
  b.textContent = label;
  if (opts.icon) b.setAttribute('icon', opts.icon);
  if (opts.secondary) b.setAttribute('secondary', '');
  if (opts.title) b.title = opts.title;
  b.addEventListener('click', onClick);
  return b;
}
