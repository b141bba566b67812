// The webview's entry: loads styles and the vscode-elements it uses, starts the app, connects it to the host.
// First, before any module builds a zod schema: no eval under the CSP.
import './util/noEval';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import './styles.css';
import { startApp } from './app';
import { startCompareApp } from './views/compare/compareApp';
import { vsCodeApi } from './util/vscodeApi';

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
// The compare panel's page marks its root (src/extension/panel.ts panelHtml); the explorer's does not.
const app = root.dataset.kind === 'compare' ? startCompareApp(root, vsCodeApi()) : startApp(root, vsCodeApi());

// Every message goes to the rpc Peer, which checks it against the host's contract and drops what does not fit.
window.addEventListener('message', (event: MessageEvent<unknown>) => app.receive(event.data));

// VS Code swaps the theme by changing <body>'s class and <html>'s style variables.
const observer = new MutationObserver(() => app.refreshTheme());
observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
new ResizeObserver(() => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => app.resize(), 150);
}).observe(root);
