// Draws a module as a picture for image data: its feature weights on the pixel grid.
import { interpolateLab, color } from 'd3';
import { mix, type Theme } from '../../util/colors';
import { toGrid, type ImageGrid } from '../../util/imageGrid';

export interface ModuleImageProps {
  grid: ImageGrid;
  /** Non-negative weight per feature (the module's featureWeights). */
  weights: ArrayLike<number>;
  theme: Theme;
  size: number;
  moduleId: number;
  /** Thumbnails skip the test id and the title. */
  thumbnail?: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG of grid cells (at most 64 x 64 = 4096 rects): zero is the background, the largest weight charts.orange. */
export function moduleImageSvg(doc: Document, props: ModuleImageProps): SVGSVGElement {
  const { grid, theme, size } = props;
  const cells = toGrid(grid, props.weights);
  let max = 0;
  for (const v of cells) if (v > max) max = v;
  const ramp = interpolateLab(theme.background, theme.orange);
  // Dropped (constant) pixels are shown as such, faintly, so the grid's extent stays visible.
  const dropped = mix(theme.background, theme.muted, 0.35);
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', `0 0 ${grid.cols} ${grid.rows}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(grid.cols));
  bg.setAttribute('height', String(grid.rows));
  bg.setAttribute('fill', theme.background);
  svg.append(bg);
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      const v = cells[r * grid.cols + c];
      const missing = Number.isNaN(v);
      if (!(v > 0) && !missing) continue;
      const rect = doc.createElementNS(SVG_NS, 'rect');
      rect.setAttribute('x', String(c));
      rect.setAttribute('y', String(r));
      rect.setAttribute('width', '1');
      rect.setAttribute('height', '1');
      rect.setAttribute(
        'fill',
        missing ? dropped : color(ramp(Math.round((v / max) * 32) / 32))!.formatHex(),
      );
      if (missing) rect.setAttribute('data-dropped', '');
      svg.append(rect);
    }
  }
  if (!props.thumbnail) {
    const title = doc.createElementNS(SVG_NS, 'title');
    title.textContent = `Module ${props.moduleId} feature weights on the ${grid.rows} x ${grid.cols} pixel grid`;
    svg.prepend(title);
  }
  return svg;
}

export function renderModuleImage(container: HTMLElement, props: ModuleImageProps): void {
  const doc = container.ownerDocument;
  container.replaceChildren();
  const root = doc.createElement('div');
  root.className = 'lava-module-image';
  root.dataset.testid = 'module-image';
  root.dataset.moduleId = String(props.moduleId);
  root.append(moduleImageSvg(doc, props));
  container.append(root);
}
