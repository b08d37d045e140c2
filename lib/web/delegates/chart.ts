import type { PowerPoint } from "./profileModel.ts";

/** The drawing of a power-over-time step chart, in a `width` × `height` viewBox. */
export interface PowerChartGeometry {
  /** An SVG path: a step line (power holds until the next change), through to `now`. */
  line: string;
  /** The same line closed down to the axis, to fill under it. */
  area: string;
  /** The largest total drawn (the top of the y axis). */
  max: bigint;
  from: bigint;
  to: bigint;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A step chart of a delegate's total power: flat between changes, vertical at each change, held
 * until `now`. Positions are computed in floats from bigint shares (exact enough for pixels),
 * undefined when there is nothing to draw.
 *
 * @example
 * powerChart(profile.history, profile.now, { width: 640, height: 160 })?.line // "M0,160 H…"
 */
export function powerChart(points: readonly PowerPoint[], now: bigint, { width, height }: { width: number; height: number }): PowerChartGeometry | undefined {
  if (points.length === 0) return undefined;
  const from = points[0]!.timestamp;
  const to = now > from ? now : from + 1n;
  const max = points.reduce((top, point) => (point.total > top ? point.total : top), 0n);
  const x = (t: bigint) => round((Number(t - from) / Number(to - from)) * width);
  // 1e6 steps of resolution: bigint totals do not fit a float, their ratio does.
  const y = (v: bigint) => round(height - (max === 0n ? 0 : (Number((v * 1_000_000n) / max) / 1_000_000) * height));
  let line = `M0,${height}`;
  for (const point of points) line += ` H${x(point.timestamp)} V${y(point.total)}`;
  line += ` H${width}`;
  return { line, area: `${line} V${height} Z`, max, from, to };
}
