// The map's hover tip: a title and a few lines, kept inside the map near its right and bottom edges.

export interface TooltipContent {
  title: string;
  lines: string[];
}

export interface Tooltip {
  show(mx: number, my: number, content: TooltipContent): void;
  hide(): void;
}

export function createTooltip(root: HTMLElement, width: number, height: number): Tooltip {
  const doc = root.ownerDocument;
  const tip = doc.createElement('div');
  tip.className = 'lava-tooltip';
  tip.hidden = true;
  root.append(tip);
  return {
    show(mx, my, content) {
      const title = doc.createElement('strong');
      title.textContent = content.title;
      tip.replaceChildren(title, ...content.lines.map((l) => Object.assign(doc.createElement('div'), { textContent: l })));
      tip.hidden = false;
      // Flip to the other side near the right and bottom edges so the tip stays inside the map (CSSOM: CSP-safe).
      tip.style.left = `${mx + 12 + 220 > width ? Math.max(0, mx - 232) : mx + 12}px`;
      tip.style.top = `${my + 12 + 100 > height ? Math.max(0, my - 100) : my + 12}px`;
    },
    hide() {
      tip.hidden = true;
    },
  };
}
