// The map in SVG (up to a few thousand points): crisp, and testable element by element.
import { select } from 'd3';
import { highlightColor } from '../../util/colors';
import { emphasis, round, type ScatterScene } from './geometry';
import { probeSize, type ScatterRenderer } from './renderer';

export function svgRenderer(root: HTMLElement, scene: ScatterScene): ScatterRenderer {
  const { width, height, theme, coloring, sx, sy, highlight } = scene;
  const svg = select(root)
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`);
  svg.append('rect').attr('class', 'bg').attr('width', width).attr('height', height).attr('fill', theme.background);
  const gPoints = svg.append('g').attr('class', 'points');
  const circles = gPoints
    .selectAll('circle')
    .data(scene.order)
    .join('circle')
    .attr('r', scene.radius)
    .attr('fill', (i) => coloring.palette[coloring.index[i]])
    .attr('data-row', (i) => i)
    .attr('cx', (i) => round(sx[i]))
    .attr('cy', (i) => round(sy[i]));
  // Zooming moves the group, not each circle (one attribute per frame instead of two per point);
  // CSS keeps the radius constant on screen (r: calc(var(--r) / var(--k)) in styles.css).
  gPoints.style('--r', `${scene.radius}px`);
  const strong = emphasis(scene);
  if (strong) circles.attr('opacity', (i) => (strong[i] ? 1 : 0.3));
  if (highlight)
    circles
      .filter((i) => highlight[i] === 1)
      .attr('stroke', theme.foreground)
      .attr('stroke-width', 1)
      .attr('vector-effect', 'non-scaling-stroke')
      .raise();
  // Selected rows last: on top of everything, the locality's outlines included.
  if (scene.selected) circles.filter((i) => scene.selected![i] === 1).attr('data-selected', '').raise();
  const selected = scene.selectedProbe;
  const probes = svg
    .append('g')
    .attr('class', 'probes')
    .selectAll('path')
    .data(scene.shownProbes)
    .join('path')
    .attr('d', (p) => {
      const s = probeSize(p, selected);
      return `M-${s},0L0,-${s}L${s},0L0,${s}Z`;
    })
    .attr('fill', (p) => (p === selected ? highlightColor(theme) : theme.foreground))
    .attr('stroke', theme.background)
    .attr('data-probe', (p) => p);
  return {
    surface: svg.node()!,
    draw: (t) => {
      gPoints.attr('transform', `translate(${round(t.x)},${round(t.y)}) scale(${t.k})`).attr('data-k', t.k);
      gPoints.style('--k', String(t.k));
      probes.attr('transform', (p) => `translate(${round(t.applyX(scene.px[p]))},${round(t.applyY(scene.py[p]))})`);
    },
  };
}
