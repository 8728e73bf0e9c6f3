import type { GraphLayout } from '../lib/layout';

/** Browsers refuse canvases much past this many pixels a side; big meshes are scaled down to fit. */
const MAX_PNG_SIDE = 16_000;
const MAX_PNG_PIXELS = 64_000_000;

/**
 * The whole graph as a standalone SVG document: the on-screen SVG (styles included) at 1:1, with
 * the selection cleared.
 */
export function svgDocument(svg: SVGSVGElement, layout: GraphLayout): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.ceil(layout.width)));
  clone.setAttribute('height', String(Math.ceil(layout.height)));
  clone.setAttribute('viewBox', `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`);
  clone.setAttribute('class', 'topo');
  clone.querySelector('.has-selection')?.classList.remove('has-selection');
  for (const el of clone.querySelectorAll('.selected, .near, .match')) el.classList.remove('selected', 'near', 'match');
  const background = clone.querySelector('.topo-background');
  background?.setAttribute('fill', '#ffffff');
  return new XMLSerializer().serializeToString(clone);
}

/** Renders an SVG document to a PNG, at 2x for sharp text when the size allows. */
export async function pngFromSvg(svgText: string, width: number, height: number): Promise<Blob> {
  const scale = Math.min(2, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height, Math.sqrt(MAX_PNG_PIXELS / (width * height)));
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(width * scale));
    canvas.height = Math.max(1, Math.floor(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw to a canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
