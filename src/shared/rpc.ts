// One request/reply layer for every pair of peers (webview <-> host, host <-> engine worker, engine <-> NMF
// thread): request ids, failure replies, cancellation, disposal, and a run-time check of every incoming
// message against its schema. A malformed or unknown message is dropped and reported, never cast.
import { z } from 'zod';
import { LavaCancelled, describeInputError, type OptionNamer } from './errors';

/** What one side answers (requests) and announces (notes), each with the schema its payload must pass. */
export interface Contract {
  requests: Record<string, { params: z.ZodType; result: z.ZodType }>;
  notes: Record<string, z.ZodType>;
}

/** How a peer sends: window.postMessage, a worker port, vscode's webview.postMessage... */
export interface Port {
  post(message: unknown, transfer?: ArrayBuffer[]): void;
}

/** An error as it travels: LavaInputError's fields survive, so the far side can say where the input is bad. */
export const WireErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
  columnName: z.string().optional(),
  problem: z.string().optional(),
  hint: z.string().optional(),
  option: z.string().optional(),
  stack: z.string().optional(),
});
export type WireError = z.infer<typeof WireErrorSchema>;

const EnvelopeSchema = z.discriminatedUnion('rpc', [
  z.object({ rpc: z.literal('request'), id: z.number().int().positive(), method: z.string(), params: z.unknown() }),
  z.object({
    rpc: z.literal('reply'),
    id: z.number().int().positive(),
    ok: z.boolean(),
    result: z.unknown().optional(),
    error: WireErrorSchema.optional(),
  }),
  z.object({ rpc: z.literal('cancel'), id: z.number().int().positive() }),
  z.object({ rpc: z.literal('note'), type: z.string(), payload: z.unknown() }),
]);

/** An error raised on the other side of a channel, with its wire description (file, line, hint...). */
export class RemoteError extends Error {
  constructor(readonly info: WireError) {
    super(info.message);
    this.name = info.name;
  }
  get isInputError(): boolean {
    return this.info.name === 'LavaInputError';
  }
}

/** Flattens any thrown value for the wire. */
export function errorToWire(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const x = e as Error & Partial<Record<'file' | 'columnName' | 'problem' | 'hint' | 'option', string>> &
    Partial<Record<'line' | 'column', number>>;
  const out: WireError = { name: e.name, message: e.message };
  for (const k of ['file', 'columnName', 'problem', 'hint', 'option', 'stack'] as const) if (typeof x[k] === 'string') out[k] = x[k];
  for (const k of ['line', 'column'] as const) if (typeof x[k] === 'number') out[k] = x[k];
  return out;
}

/** A failure's one-line text for a reader: input errors with place and hint, options in the reader's words. */
export function describeWireError(w: WireError, name: OptionNamer): string {
  if (w.file === undefined || w.problem === undefined || w.hint === undefined) return w.message;
  return describeInputError({ ...w, file: w.file, problem: w.problem, hint: w.hint }, name);
}

/** The error to throw for a failure reply: cancellation and bad input keep their classes. */
export function errorFromWire(w: WireError): Error {
  return w.name === 'LavaCancelled' ? new LavaCancelled() : new RemoteError(w);
}

type Req<C extends Contract> = C['requests'];
type Params<C extends Contract, M extends keyof Req<C>> = z.input<Req<C>[M]['params']>;
type Result<C extends Contract, M extends keyof Req<C>> = z.output<Req<C>[M]['result']>;

/** What a handler gets besides its params: a signal that fires when the requester cancels or the peer closes. */
export interface RequestContext {
  signal: AbortSignal;
  /** Buffers to transfer (not copy) with the reply, where the port can. */
  transfer: ArrayBuffer[];
}

type Handler<C extends Contract, M extends keyof Req<C>> = (
  params: z.output<Req<C>[M]['params']>,
  ctx: RequestContext,
) => Result<C, M> | Promise<Result<C, M>>;

interface Pending {
  method: string;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  cleanup: () => void;
}

export interface PeerOptions {
  /** Called for every dropped message (malformed, unknown, or a reply nobody waits for). */
  onDrop?: (why: string, message: unknown) => void;
}

/**
 * One side of a channel. `Mine` is what this side answers and announces; `Theirs` what the other side does.
 * Feed every incoming message to `receive`; everything outgoing goes through `port.post`.
 */
export class Peer<Mine extends Contract, Theirs extends Contract> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly running = new Map<number, AbortController>();
  private readonly handlers = new Map<string, (params: unknown, ctx: RequestContext) => unknown>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private closed: Error | null = null;

  constructor(
    private readonly port: Port,
    private readonly mine: Mine,
    private readonly theirs: Theirs,
    private readonly options: PeerOptions = {},
  ) {}

  /** Asks the other side; resolves with its checked reply, rejects with its error, LavaCancelled on abort. */
  request<M extends keyof Req<Theirs> & string>(
    method: M,
    params: Params<Theirs, M>,
    opts: { signal?: AbortSignal; transfer?: ArrayBuffer[] } = {},
  ): Promise<Result<Theirs, M>> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(this.closed);
      if (opts.signal?.aborted) return reject(new LavaCancelled());
      const id = this.nextId++;
      const onAbort = () => {
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        p.cleanup();
        this.send({ rpc: 'cancel', id });
        reject(new LavaCancelled());
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        method,
        resolve: resolve as (v: unknown) => void,
        reject,
        cleanup: () => opts.signal?.removeEventListener('abort', onAbort),
      });
      this.send({ rpc: 'request', id, method, params }, opts.transfer);
    });
  }

  /** Answers `method` with `handler`; a thrown error becomes a failure reply, never an unanswered request. */
  handle<M extends keyof Req<Mine> & string>(method: M, handler: Handler<Mine, M>): void {
    this.handlers.set(method, handler as (params: unknown, ctx: RequestContext) => unknown);
  }

  notify<N extends keyof Mine['notes'] & string>(
    type: N,
    payload: z.input<Mine['notes'][N]>,
    transfer?: ArrayBuffer[],
  ): void {
    if (!this.closed) this.send({ rpc: 'note', type, payload }, transfer);
  }

  /** Listens to a note of the other side; returns the unsubscribe function. */
  on<N extends keyof Theirs['notes'] & string>(type: N, listener: (payload: z.output<Theirs['notes'][N]>) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  /** The entry for every incoming message. */
  receive(raw: unknown): void {
    if (this.closed) return;
    const env = EnvelopeSchema.safeParse(raw);
    if (!env.success) return this.drop('not an rpc message', raw);
    const m = env.data;
    switch (m.rpc) {
      case 'request':
        void this.serve(m.id, m.method, m.params);
        return;
      case 'reply':
        return this.settle(m.id, m.ok, m.result, m.error, raw);
      case 'cancel':
        this.running.get(m.id)?.abort();
        return;
      case 'note':
        return this.deliver(m.type, m.payload, raw);
    }
  }

  /** Ends the channel: every pending request and running handler is rejected or aborted with `why`. */
  dispose(why: Error = new LavaCancelled()): void {
    if (this.closed) return;
    this.closed = why;
    for (const p of this.pending.values()) {
      p.cleanup();
      p.reject(why);
    }
    this.pending.clear();
    for (const c of this.running.values()) c.abort();
    this.running.clear();
    this.listeners.clear();
  }

  get isDisposed(): boolean {
    return this.closed !== null;
  }

  /** How many requests of ours wait for a reply (for tests and leak checks). */
  get pendingCount(): number {
    return this.pending.size;
  }

  private send(message: unknown, transfer?: ArrayBuffer[]): void {
    this.port.post(message, transfer);
  }

  private drop(why: string, raw: unknown): void {
    this.options.onDrop?.(why, raw);
  }

  private async serve(id: number, method: string, rawParams: unknown): Promise<void> {
    const spec = this.mine.requests[method];
    const handler = this.handlers.get(method);
    if (!spec || !handler) {
      this.drop(`unknown request "${method}"`, rawParams);
      return this.send({ rpc: 'reply', id, ok: false, error: { name: 'Error', message: `unknown request "${method}"` } });
    }
    const params = spec.params.safeParse(rawParams);
    if (!params.success) {
      this.drop(`bad params for "${method}": ${params.error.message}`, rawParams);
      const message = `bad request "${method}": ${z.prettifyError(params.error)}`;
      return this.send({ rpc: 'reply', id, ok: false, error: { name: 'Error', message } });
    }
    const controller = new AbortController();
    this.running.set(id, controller);
    const ctx: RequestContext = { signal: controller.signal, transfer: [] };
    try {
      const result = await handler(params.data, ctx);
      if (!controller.signal.aborted && !this.closed) this.send({ rpc: 'reply', id, ok: true, result }, ctx.transfer);
    } catch (e) {
      if (!controller.signal.aborted && !this.closed) this.send({ rpc: 'reply', id, ok: false, error: errorToWire(e) });
    } finally {
      this.running.delete(id);
    }
  }

  private settle(id: number, ok: boolean, result: unknown, error: WireError | undefined, raw: unknown): void {
    const p = this.pending.get(id);
    if (!p) return this.drop(`reply to unknown request ${id}`, raw);
    this.pending.delete(id);
    p.cleanup();
    if (!ok) return p.reject(errorFromWire(error ?? { name: 'Error', message: `request "${p.method}" failed` }));
    const spec = this.theirs.requests[p.method];
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      this.drop(`bad reply to "${p.method}"`, raw);
      return p.reject(new Error(`bad reply to "${p.method}": ${z.prettifyError(checked.error)}`));
    }
    p.resolve(checked.data);
  }

  private deliver(type: string, payload: unknown, raw: unknown): void {
    const schema = this.theirs.notes[type];
    if (!schema) return this.drop(`unknown note "${type}"`, raw);
    const checked = schema.safeParse(payload);
    if (!checked.success) return this.drop(`bad note "${type}": ${z.prettifyError(checked.error)}`, raw);
    for (const l of this.listeners.get(type) ?? []) l(checked.data);
  }
}
