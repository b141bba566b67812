// How a view is tied to the state: the inputs it reads, and how it renders them into its slot. app.ts re-renders
// a view only when one of its inputs changed, so adding a view (a tab, a selection panel) is adding a binding.
import type { LavaResult } from '../../src/shared/result/types';
import type { Action, ExplorerState } from '../store/state';
import type { Theme } from '../util/colors';
import type { ExportDecor } from '../util/exportDecor';
import type { ResultCache } from './resultCache';
import type { Sizes, Slots } from './layout';

/** The state a view bound to a result sees: the result is there. */
export type WithResult = ExplorerState & { result: LavaResult };

/** What every binding may use; the app owns it. */
export interface ViewContext {
  doc: Document;
  slots: Slots;
  dispatch(action: Action): void;
  /** The current theme (it changes when VS Code switches themes). */
  theme(): Theme;
  /** Decoded patterns and the pixel grid of the shown result, computed once per result. */
  cache(result: LavaResult): ResultCache;
  /** View sizes; `result` is null before a result (the early map of a running run). */
  sizes(result: LavaResult | null): Sizes;
  /** Sends the view in `slot` to the host as a PNG or SVG file, with a title (and legend) when `decor` gives one. */
  exportView(view: string, slot: HTMLElement, format: 'png' | 'svg', decor?: ExportDecor): void;
  /**
   * Rows out of the explorer, through the host: open the data file at one, copy line numbers, save as CSV; null in
   * a report page, which has no data file or clipboard host to hand them to.
   */
  rowsOut: RowsOut | null;
  /** Puts `text` on the clipboard through the host; `what` names it in the confirmation. */
  copy(text: string, what: string): void;
}

// Function-valued fields, not methods: views pass them on as callbacks (`onOpen: ctx.rowsOut.open`).
export interface RowsOut {
  open: (row: number) => void;
  copy: (rows: ArrayLike<number>) => void;
  save: (rows: ArrayLike<number>) => void;
}

interface Binding<S> {
  /** Unique per view; keys the last inputs. */
  name: string;
  /** The inputs read; compared by reference with the last render's. */
  deps(s: S): readonly unknown[];
  render(s: S): void;
}

/** Most views show a result and render only once there is one; the header also renders before. */
export type ViewBinding = (Binding<WithResult> & { withoutResult?: false }) | (Binding<ExplorerState> & { withoutResult: true });

export function hasResult(s: ExplorerState): s is WithResult {
  return s.result !== null;
}

/** Renders each view whose inputs changed (all of them when forced); returns that render function. */
export function bindViews(root: HTMLElement, bindings: readonly ViewBinding[]): (s: ExplorerState, force?: boolean) => void {
  const last = new Map<string, readonly unknown[]>();
  const changed = (name: string, deps: readonly unknown[], force: boolean): boolean => {
    const prev = last.get(name);
    last.set(name, deps);
    return force || !prev || prev.length !== deps.length || prev.some((d, k) => d !== deps[k]);
  };
  return (s, force = false) => {
    root.dataset.hasResult = String(s.result !== null);
    for (const b of bindings) {
      if (b.withoutResult) {
        if (changed(b.name, b.deps(s), force)) b.render(s);
      } else if (hasResult(s) && changed(b.name, b.deps(s), force)) b.render(s);
    }
  };
}
