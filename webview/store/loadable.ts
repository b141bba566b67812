// Requests in the state (Loadable): a new one gets the next number; only the current one's answer or failure is taken.
import type { ExplorerState, Loadable } from './state';

/** A new request for `key`: the next number, waiting for its answer. */
export function ask<K>(
  s: ExplorerState,
  key: K,
): [Extract<Loadable<K, never>, { status: 'loading' }>, number] {
  const seq = s.seq + 1;
  return [{ key, seq, status: 'loading' }, seq];
}

/** The answer to request `seq`, or null when that request is no longer the one waited for. */
export function answer<K, V>(l: Loadable<K, V> | null, seq: number, value: V): Loadable<K, V> | null {
  return l && l.seq === seq && l.status === 'loading' ? { key: l.key, seq, status: 'ready', value } : null;
}

export function failure<K, V>(l: Loadable<K, V> | null, seq: number, error: string): Loadable<K, V> | null {
  return l && l.seq === seq && l.status === 'loading' ? { key: l.key, seq, status: 'failed', error } : null;
}
