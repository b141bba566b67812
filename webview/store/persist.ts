// What the webview keeps across hide/show and reloads (vscode setState/getState), checked on the way back in.
import { WebviewStateSchema, type WebviewState } from '../../src/shared/protocol';
import type { ExplorerState } from './state';

/** What survives a reload. */
export function persisted(s: ExplorerState): WebviewState {
  const out: WebviewState = {
    selectedModule: s.selectedModule,
    colorBy: s.colorBy,
    selectedLocality: s.selectedLocality,
    tab: s.tab,
  };
  if (s.resultUri !== null) out.resultUri = s.resultUri;
  return out;
}

/**
 * The saved state if it passes WebviewStateSchema, else null (the initial state): a state saved by another
 * version of the webview, or damaged, must not reach the reducer unchecked.
 */
export function restoreState(raw: unknown, warn: (why: string) => void = () => {}): WebviewState | null {
  if (raw === undefined || raw === null) return null;
  const checked = WebviewStateSchema.safeParse(raw);
  if (checked.success) return checked.data;
  warn(`saved webview state ignored: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return null;
}
