// Linked hover: a ring on the other map at the row hovered on this one, placed through the map's data-view
// (its embedding-to-screen affine map at the current zoom), so the other map is not redrawn on every move.

const SVG = 'http://www.w3.org/2000/svg';

/** Shows (or with null hides) the ring around `row` on the map rendered in `slot`. */
export function showLinkedRow(slot: HTMLElement, coords: Float32Array, dims: number, row: number | null): void {
  const scatter = slot.querySelector<HTMLElement>('.lava-scatter');
  if (!scatter) return;
  let ring = scatter.querySelector<SVGSVGElement>('svg.lava-linked-ring');
  if (row === null) {
    ring?.remove();
    delete scatter.dataset.linkedRow;
    return;
  }
  const [ax, kx, ay, ky] = (scatter.dataset.view ?? '0 1 0 1').split(' ').map(Number);
  const x = ax + kx * coords[row * dims];
  const y = ay + ky * coords[row * dims + 1];
  if (!ring) {
    ring = slot.ownerDocument.createElementNS(SVG, 'svg');
    ring.setAttribute('class', 'lava-linked-ring');
    ring.setAttribute('aria-hidden', 'true');
    ring.append(slot.ownerDocument.createElementNS(SVG, 'circle'));
    scatter.append(ring);
  }
  const circle = ring.firstElementChild as SVGCircleElement;
  circle.setAttribute('cx', String(Math.round(x * 100) / 100));
  circle.setAttribute('cy', String(Math.round(y * 100) / 100));
  circle.setAttribute('r', '7');
  scatter.dataset.linkedRow = String(row);
}
