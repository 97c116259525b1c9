import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { ScreenshotError } from './errors.js';
import { FONT_FAMILY } from './svg.js';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
/** Debian/Ubuntu package fonts-dejavu-core. Regular and bold are required; obliques are used when present. */
export const FONT_FILES = {
  regular: `${FONT_DIR}/DejaVuSansMono.ttf`,
  bold: `${FONT_DIR}/DejaVuSansMono-Bold.ttf`,
  italic: `${FONT_DIR}/DejaVuSansMono-Oblique.ttf`,
  boldItalic: `${FONT_DIR}/DejaVuSansMono-BoldOblique.ttf`,
  /** Fallback for symbols the mono face lacks; optional. */
  fallback: `${FONT_DIR}/DejaVuSans.ttf`,
  fallbackBold: `${FONT_DIR}/DejaVuSans-Bold.ttf`,
};

/** PNG pixels per SVG pixel: 2 gives sharp text on high-density screens. */
export const PNG_SCALE = 2;

function fontFiles(): string[] {
  const missing = [FONT_FILES.regular, FONT_FILES.bold].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new ScreenshotError(
      `PNG needs the DejaVu Sans Mono fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core); missing ${missing.join(', ')}`,
    );
  }
  return Object.values(FONT_FILES).filter((f) => existsSync(f));
}

export interface PngImage {
  png: Buffer;
  width: number;
  height: number;
  /** RGBA, width*height*4 bytes */
  pixels: Buffer;
}

/** Renders an SVG from cellsToSvg to PNG with resvg and the DejaVu font files only (no system fonts). */
export function svgToPng(svg: string, scale = PNG_SCALE): PngImage {
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: fontFiles(),
      defaultFontFamily: FONT_FAMILY,
      monospaceFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: scale },
    logLevel: 'off',
  });
  const img = resvg.render();
  return { png: img.asPng(), width: img.width, height: img.height, pixels: img.pixels };
}
