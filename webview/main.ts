// The webview's entry: loads styles and the vscode-elements it uses, starts the app, connects it to the host.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import './styles.css';
import type { ToWebviewMessage } from '../src/shared/protocol';
import { startApp } from './app';
import { hostApi } from './util/vscodeApi';

const host = hostApi();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const app = startApp(root, host);

window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => {
  const m = event.data;
  if (m && typeof m === 'object' && typeof m.type === 'string') app.receive(m);
});

// VS Code swaps the theme by changing <body>'s class and <html>'s style variables.
const observer = new MutationObserver(() => app.refreshTheme());
observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
new ResizeObserver(() => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => app.resize(), 150);
}).observe(root);

host.postMessage({ type: 'ready' });
