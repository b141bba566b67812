// The store's effects: a locality, pair, feature, selection or samples the state waits for becomes one request to
// the host, and its reply or failure comes back as an action. Superseded requests are cancelled; the Peer handles
// ids and failure replies.
import { LavaCancelled, type OptionNamer } from '../../src/shared/errors';
import { MAX_SAMPLE_ROWS, type HostContract, type WebviewContract } from '../../src/shared/protocol';
import { RemoteError, describeWireError, type Peer } from '../../src/shared/rpc';
import { unpack } from '../../src/shared/result/packed';
import { pairCount } from '../../src/shared/result/pairs';
import { membersOf } from '../../src/shared/result/columns';
import type { Action, ExplorerState, Loadable } from './state';
import type { Store } from './store';

export type HostPeer = Peer<WebviewContract, HostContract>;

/** In the extension an option is a setting. */
const asSetting: OptionNamer = (key) => `lava.${key}`;

/** A failure in words for the panel: input errors with their place and hint, anything else by its message. */
export function describeFailure(e: unknown): string {
  if (e instanceof RemoteError) return describeWireError(e.info, asSetting);
  return e instanceof Error ? e.message : String(e);
}

interface Follower<K, V> {
  pick(s: ExplorerState): Loadable<K, V> | null;
  send(key: K, signal: AbortSignal): Promise<V>;
  loaded(seq: number, value: V): Action;
  failed(seq: number, error: string): Action;
}

/** Sends one request whenever `pick` holds a new loading entry; cancels the one before. */
function follow<K, V>(store: Store, f: Follower<K, V>): () => void {
  let inflight: { seq: number; abort: AbortController } | null = null;
  const check = (s: ExplorerState) => {
    const l = f.pick(s);
    const want = l?.status === 'loading' ? l : null;
    if (inflight && inflight.seq !== want?.seq) {
      inflight.abort.abort();
      inflight = null;
    }
    if (!want || inflight) return;
    const current = (inflight = { seq: want.seq, abort: new AbortController() });
    f.send(want.key, current.abort.signal).then(
      (value) => store.dispatch(f.loaded(want.seq, value)),
      (e: unknown) => {
        if (!(e instanceof LavaCancelled)) store.dispatch(f.failed(want.seq, describeFailure(e)));
      },
    );
  };
  check(store.get());
  const unsubscribe = store.subscribe(check);
  return () => {
    unsubscribe();
    inflight?.abort.abort();
  };
}

/** Starts the request effects; returns the function that stops them (and cancels what is in flight). */
export function startEffects(store: Store, host: HostPeer): () => void {
  const stops = [
    follow(store, {
      pick: (s) => s.locality,
      send: async (locality, signal) => {
        const r = await host.request('locality', { locality }, { signal });
        if (r.pattern.dtype !== 'float32')
          throw new Error(`the host sent a pattern of ${r.pattern.dtype}, not float32`);
        const pattern = unpack(r.pattern) as Float32Array;
        // The contract checks the shape; the sizes must agree too, or the heatmap could not draw it.
        if (pattern.length !== pairCount(r.features.length))
          throw new Error(`the host sent ${pattern.length} weights for ${r.features.length} features`);
        return { id: r.locality, pattern, features: r.features };
      },
      loaded: (seq, value) => ({ type: 'localityLoaded', seq, value }),
      failed: (seq, error) => ({ type: 'localityFailed', seq, error }),
    }),
    follow(store, {
      pick: (s) => s.selectionStats,
      send: async (rows, signal) => {
        const r = await host.request('selection', { rows: Array.from(rows) }, { signal });
        const inside = Float32Array.from(unpack(r.inside));
        const rest = Float32Array.from(unpack(r.rest));
        const P = pairCount(r.features.length);
        if (inside.length !== P || rest.length !== P)
          throw new Error(
            `the host sent ${inside.length} and ${rest.length} values for ${r.features.length} features`,
          );
        return { features: r.features, inside, rest, insideCount: r.insideCount, restCount: r.restCount };
      },
      loaded: (seq, value) => ({ type: 'selectionStatsLoaded', seq, value }),
      failed: (seq, error) => ({ type: 'selectionStatsFailed', seq, error }),
    }),
    follow(store, {
      pick: (s) => s.samples,
      send: async (locality, signal) => {
        const result = store.get().result;
        const members = result ? membersOf(result.localities, locality) : [];
        const rows = Array.from(members).slice(0, MAX_SAMPLE_ROWS);
        const r = await host.request('rows', { rows }, { signal });
        const values = Float32Array.from(unpack(r.values));
        if (values.length !== r.rows.length * r.features.length)
          throw new Error(
            `the host sent ${values.length} values for ${r.rows.length} rows of ${r.features.length} features`,
          );
        return { rows: Int32Array.from(r.rows), features: r.features, values };
      },
      loaded: (seq, value) => ({ type: 'samplesLoaded', seq, value }),
      failed: (seq, error) => ({ type: 'samplesFailed', seq, error }),
    }),
    follow(store, {
      pick: (s) => s.pair,
      send: (key, signal) => host.request('pair', key, { signal }),
      loaded: (seq, value) => ({ type: 'pairLoaded', seq, value }),
      failed: (seq, error) => ({ type: 'pairFailed', seq, error }),
    }),
    follow(store, {
      pick: (s) => s.feature,
      send: async (feature, signal) => {
        const values = Float32Array.from(unpack((await host.request('feature', { feature }, { signal })).values));
        const rows = store.get().result?.rowCount;
        if (values.length !== rows) throw new Error(`the host sent ${values.length} values of ${feature} for ${rows} rows`);
        return values;
      },
      loaded: (seq, value) => ({ type: 'featureLoaded', seq, value }),
      failed: (seq, error) => ({ type: 'featureFailed', seq, error }),
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
