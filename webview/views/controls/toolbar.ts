// The header's buttons: run again, save the result, open the settings (each a note to the host).
import { button } from './button';

export interface ToolbarActions {
  rerun: () => void;
  saveResult: () => void;
  openSettings: () => void;
}

export function buildToolbar(doc: Document, slot: HTMLElement, actions: ToolbarActions): void {
  slot.append(
    button(doc, 'Re-run', actions.rerun, { icon: 'debug-rerun', title: 'Run LAVA again with the current settings' }),
    button(doc, 'Save result', actions.saveResult, { icon: 'save', secondary: true }),
    button(doc, 'Settings', actions.openSettings, { icon: 'settings-gear', secondary: true }),
  );
}
