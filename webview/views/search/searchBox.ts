// The search box: a combobox whose suggestions (features, columns, values) follow the typing; arrows move among
// them, Enter chooses, Escape closes the list (and, when it is closed, clears the search).
import { el } from '../../util/dom';
import { suggest, suggestionHint, suggestionLabel, type Suggestion } from './suggest';

export interface SearchBox {
  root: HTMLElement;
  input: HTMLInputElement;
  /** The suggestions to draw from (a new result gives new ones). */
  setSource(all: Suggestion[]): void;
  /** Shows what is searched (or nothing) in the box. */
  setText(text: string): void;
}

/** The input and its list, wired for assistive technology as a combobox (ARIA 1.2). */
function comboboxParts(doc: Document): { root: HTMLElement; input: HTMLInputElement; list: HTMLElement } {
  const root = el(doc, 'div', undefined, 'lava-search');
  const input = doc.createElement('input');
  input.type = 'search';
  input.className = 'lava-search-input';
  input.placeholder = 'Search features, labels…';
  input.dataset.testid = 'search';
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-label', 'Search features and metadata');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', 'lava-search-list');
  input.setAttribute('aria-expanded', 'false');
  const list = el(doc, 'ul', undefined, 'lava-search-list');
  list.id = 'lava-search-list';
  list.setAttribute('role', 'listbox');
  list.dataset.testid = 'search-suggestions';
  list.hidden = true;
  root.append(input, list);
  return { root, input, list };
}

export function buildSearchBox(doc: Document, choose: (s: Suggestion | null) => void): SearchBox {
  const { root, input, list } = comboboxParts(doc);
  let source: Suggestion[] = [];
  let shown: Suggestion[] = [];
  let active = -1;

  const draw = () => {
    list.replaceChildren(
      ...shown.map((s, k) => {
        const li = el(doc, 'li', undefined, 'lava-search-option');
        li.id = `lava-search-option-${k}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(k === active));
        li.dataset.kind = s.kind;
        li.append(el(doc, 'span', suggestionLabel(s)), el(doc, 'span', suggestionHint(s), 'lava-muted'));
        // mousedown, not click: the input's blur would close the list before a click lands.
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          pick(s);
        });
        return li;
      }),
    );
    list.hidden = shown.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `lava-search-option-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const close = () => {
    shown = [];
    active = -1;
    draw();
  };
  const pick = (s: Suggestion) => {
    input.value = suggestionLabel(s);
    close();
    choose(s);
  };
  input.addEventListener('input', () => {
    shown = suggest(source, input.value);
    active = shown.length > 0 ? 0 : -1;
    draw();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (shown.length === 0) shown = suggest(source, input.value);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active = shown.length ? (active + step + shown.length) % shown.length : -1;
      draw();
    } else if (e.key === 'Enter') {
      const s = shown[active] ?? suggest(source, input.value, 1)[0];
      if (s) pick(s);
    } else if (e.key === 'Escape') {
      if (!list.hidden) close();
      else {
        input.value = '';
        choose(null);
      }
    } else return;
    e.preventDefault();
  });
  input.addEventListener('blur', close);
  return {
    root,
    input,
    setSource: (all) => (source = all),
    setText: (text) => {
      if (doc.activeElement !== input) input.value = text;
    },
  };
}
