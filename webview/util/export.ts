// Exports a view as SVG text or a PNG data URL (the host saves it): colours are already resolved, so files stand alone.
import type { Theme } from './colors';
import { decorateSvg, type ExportDecor } from './exportDecor';

/** The view's SVG as a standalone document; canvas layers (many points) are embedded as an image. */
export function viewToSvg(root: Element): string | null {
  const svg = root.querySelector('svg');
  if (!svg) {
    const canvas = root.querySelector('canvas');
    if (!canvas) return null;
    const w = canvas.style.width ? parseFloat(canvas.style.width) : canvas.width;
    const h = canvas.style.height ? parseFloat(canvas.style.height) : canvas.height;
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}">` +
      `<image width="${w}" height="${h}" href="${canvas.toDataURL('image/png')}"/></svg>`
    );
  }
  const copy = svg.cloneNode(true) as SVGSVGElement;
  // The serializer declares the SVG namespace itself; a literal xmlns attribute would be declared twice.
  copy.removeAttribute('xmlns');
  copy.removeAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns');
  copy.removeAttribute('style');
  copy.removeAttribute('tabindex');
  // A canvas under the SVG holds the cells or points: put it into the file as an image layer.
  const canvas = root.querySelector('canvas');
  if (canvas) {
    const img = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'image');
    img.setAttribute('width', copy.getAttribute('width') ?? '0');
    img.setAttribute('height', copy.getAttribute('height') ?? '0');
    img.setAttribute('href', canvas.toDataURL('image/png'));
    copy.insertBefore(img, copy.firstChild);
  }
  copy.querySelectorAll('.cursor').forEach((c) => c.remove());
  // A zoomed map scales its point group; CSS keeps dots small on screen, a file needs the radius baked in.
  copy.querySelectorAll('g[data-k]').forEach((g) => {
    const k = Number(g.getAttribute('data-k')) || 1;
    g.removeAttribute('style');
    g.querySelectorAll('circle').forEach((c) => c.setAttribute('r', String(Number(c.getAttribute('r')) / k)));
  });
  const Serializer = svg.ownerDocument.defaultView?.XMLSerializer ?? XMLSerializer;
  const text = new Serializer().serializeToString(copy);
  return text.startsWith('<svg xmlns=')
    ? text
    : text.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
}

/** PNG data URL at 2x: a canvas view directly, an SVG view rasterised through an <img> (needs img-src data: in the CSP). */
export async function viewToPng(root: Element, background: string): Promise<string | null> {
  const svg = root.querySelector('svg');
  const canvas = root.querySelector('canvas');
  if (canvas && !svg) return canvas.toDataURL('image/png');
  const text = viewToSvg(root);
  if (!text || !svg) return null;
  const w = Number(svg.getAttribute('width')) || svg.clientWidth;
  const h = Number(svg.getAttribute('height')) || svg.clientHeight;
  return svgToPng(text, w, h, background);
}

/** The view as a file with its title and legend (exportDecor.ts): SVG text, or a PNG rasterised from that SVG. */
export async function decoratedExport(
  root: Element,
  format: 'png' | 'svg',
  decor: ExportDecor,
  theme: Theme,
): Promise<string | null> {
  const view = viewToSvg(root);
  if (!view) return null;
  const out = decorateSvg(root.ownerDocument, view, decor, theme);
  return format === 'svg' ? out.text : svgToPng(out.text, out.width, out.height, theme.background);
}

async function svgToPng(text: string, w: number, h: number, background: string): Promise<string | null> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const out = document.createElement('canvas');
  const scale = 2;
  out.width = w * scale;
  out.height = h * scale;
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  return out.toDataURL('image/png');
}
