// The selection explained in numbers: the modules ranked by how much more active they are inside than outside,
// and the metadata make-up (label counts inside vs overall).
import { el } from '../../util/dom';
import type { ColumnMakeup, ModuleEffect } from '../../util/regionStats';

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(3) : '–');
const signed = (v: number) =>
  v === Infinity ? '+∞' : v === -Infinity ? '−∞' : `${v > 0 ? '+' : ''}${v.toFixed(2)}`;

/** One item per module in rank order; choosing one selects that module. */
export function moduleRanking(
  doc: Document,
  effects: ModuleEffect[],
  onSelect: (id: number) => void,
): HTMLElement {
  const list = el(doc, 'ol', undefined, 'lava-ranking lava-module-ranking');
  list.dataset.testid = 'selection-modules';
  for (const e of effects) {
    const li = el(doc, 'li');
    li.dataset.testid = 'selection-module-item';
    li.dataset.moduleId = String(e.id);
    li.dataset.d = String(e.d);
    const pick = el(doc, 'button', `M${e.id} ${e.name}`, 'lava-link');
    pick.title = `Show module ${e.id}`;
    pick.addEventListener('click', () => onSelect(e.id));
    li.append(
      pick,
      el(doc, 'span', `d = ${signed(e.d)}`, e.d > 0 ? 'lava-pos' : 'lava-muted'),
      el(doc, 'span', `mean activity ${fmt(e.meanIn)} inside, ${fmt(e.meanOut)} outside`, 'lava-muted'),
    );
    list.append(li);
  }
  return list;
}

function share(n: number, of: number): string {
  return of ? `${Math.round((100 * n) / of)}%` : '–';
}

/** Per metadata column: its categories with counts inside and shares inside vs overall, or means for numbers. */
export function makeupTables(doc: Document, makeup: ColumnMakeup[]): HTMLElement {
  const box = el(doc, 'div', undefined, 'lava-makeup');
  box.dataset.testid = 'selection-makeup';
  for (const c of makeup) {
    if (!c.categories) {
      box.append(el(doc, 'p', `${c.column}: mean ${fmt(c.meanIn!)} inside, ${fmt(c.meanAll!)} overall`));
      continue;
    }
    const table = el(doc, 'table', undefined, 'lava-rows');
    table.dataset.column = c.column;
    const head = el(doc, 'tr');
    head.append(
      el(doc, 'th', c.column),
      el(doc, 'th', 'inside'),
      el(doc, 'th', 'share inside'),
      el(doc, 'th', 'share overall'),
    );
    table.append(head);
    for (const cat of c.categories) {
      const tr = el(doc, 'tr');
      tr.dataset.value = cat.value;
      tr.append(
        el(doc, 'td', cat.value),
        el(doc, 'td', String(cat.inside)),
        el(doc, 'td', share(cat.inside, c.insideCount)),
        el(doc, 'td', share(cat.overall, c.total)),
      );
      table.append(tr);
    }
    box.append(table);
  }
  return box;
}
