// A minimal store: one state, the pure reducer, and listeners called after every change.
import type { Action, ExplorerState } from './state';
import { reduce } from './reduce';

export type Listener = (s: ExplorerState, prev: ExplorerState) => void;

export class Store {
  private listeners = new Set<Listener>();
  constructor(private state: ExplorerState) {}
  get(): ExplorerState {
    return this.state;
  }
  dispatch(action: Action): void {
    const prev = this.state;
    this.state = reduce(prev, action);
    if (this.state !== prev) for (const l of this.listeners) l(this.state, prev);
  }
  /** Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
