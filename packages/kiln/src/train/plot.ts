import * as asciichart from "asciichart";

/** A loss curve for the terminal (asciichart), downsampled to `width` points; coloured only when `color`. */
export function terminalPlot(series: readonly (readonly number[])[], color: boolean, width = 60, height = 10): string {
  const sample = (s: readonly number[]) => (s.length <= width ? [...s] : Array.from({ length: width }, (_, i) => s[Math.floor((i * (s.length - 1)) / (width - 1))]!));
  const colors = [asciichart.cyan, asciichart.magenta, asciichart.yellow];
  const format = (v: number) => v.toFixed(4).padStart(9);
  return asciichart.plot(series.map(sample), color ? { height, colors: colors.slice(0, series.length), format } : { height, format });
}

export interface Curve {
  readonly label: string;
  readonly values: readonly number[];
  readonly color: string;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A self-contained SVG line chart of one or more loss curves (log-scaled y when the range is wide). */
export function svgPlot(title: string, curves: readonly Curve[], width = 720, height = 360): string {
  const pad = { left: 64, right: 16, top: 36, bottom: 40 };
  const all = curves.flatMap((c) => c.values.filter((v) => Number.isFinite(v) && v > 0));
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const useLog = hi / lo > 20;
  const tf = (v: number) => (useLog ? Math.log10(v) : v);
  const [y0, y1] = [tf(lo), tf(hi) === tf(lo) ? tf(lo) + 1 : tf(hi)];
  const steps = Math.max(...curves.map((c) => c.values.length)) - 1 || 1;
  const px = (i: number) => pad.left + (i / steps) * (width - pad.left - pad.right);
  const py = (v: number) => pad.top + (1 - (tf(v) - y0) / (y1 - y0)) * (height - pad.top - pad.bottom);
  const lines = curves.map((c) => {
    const pts = c.values.map((v, i) => (Number.isFinite(v) && v > 0 ? `${px(i).toFixed(1)},${py(v).toFixed(1)}` : null)).filter((p) => p !== null);
    return `<polyline fill="none" stroke="${c.color}" stroke-width="2" points="${pts.join(" ")}"/>`;
  });
  const ticks = Array.from({ length: 5 }, (_, k) => {
    const t = y0 + ((y1 - y0) * k) / 4;
    const v = useLog ? 10 ** t : t;
    const y = pad.top + (1 - k / 4) * (height - pad.top - pad.bottom);
    return `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${pad.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${v.toPrecision(3)}</text>`;
  });
  const legend = curves.map((c, k) => `<text x="${pad.left + 10 + k * 220}" y="${pad.top - 12}" font-size="12" fill="${c.color}">■ ${escapeXml(c.label)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    ...ticks,
    `<line x1="${pad.left}" x2="${pad.left}" y1="${pad.top}" y2="${height - pad.bottom}" stroke="#333"/>`,
    `<line x1="${pad.left}" x2="${width - pad.right}" y1="${height - pad.bottom}" y2="${height - pad.bottom}" stroke="#333"/>`,
    `<text x="${width / 2}" y="${height - 10}" text-anchor="middle" font-size="12">step</text>`,
    `<text x="${pad.left}" y="${height - pad.bottom + 16}" text-anchor="middle" font-size="11">0</text>`,
    `<text x="${width - pad.right}" y="${height - pad.bottom + 16}" text-anchor="middle" font-size="11">${steps}</text>`,
    ...lines,
    ...legend,
    `</svg>`,
    "",
  ].join("\n");
}
