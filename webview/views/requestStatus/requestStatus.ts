// Where an answer from the host will be: "Loading…" while it comes, or what failed and a button to try again.
import type { Loadable } from '../../store/state';
import { el } from '../../util/dom';
import { button } from '../controls/button';

export type RequestStatusProps =
  | { state: 'loading'; what: string }
  | { state: 'failed'; what: string; error: string; onRetry: () => void };

export function renderRequestStatus(container: HTMLElement, props: RequestStatusProps): void {
  const doc = container.ownerDocument;
  const root = el(doc, 'div', undefined, 'lava-request');
  root.dataset.testid = 'request-status';
  root.dataset.state = props.state;
  if (props.state === 'loading') {
    root.setAttribute('role', 'status');
    root.append(el(doc, 'p', `Loading ${props.what}…`, 'lava-muted'));
  } else {
    root.setAttribute('role', 'alert');
    root.append(
      el(doc, 'p', `Could not load ${props.what}: ${props.error}`, 'lava-error'),
      button(doc, 'Try again', props.onRetry, { icon: 'refresh', title: `Ask for ${props.what} again` }),
    );
  }
  container.replaceChildren(root);
}

/** Draws an answer that may still be on its way: `ready` for the value, the status otherwise. */
export function renderLoadable<K, V>(
  container: HTMLElement,
  l: Loadable<K, V>,
  what: string,
  onRetry: () => void,
  ready: (value: V) => void,
): void {
  if (l.status === 'ready') ready(l.value);
  else if (l.status === 'loading') renderRequestStatus(container, { state: 'loading', what });
  else renderRequestStatus(container, { state: 'failed', what, error: l.error, onRetry });
}
