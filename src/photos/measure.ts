// Image measurements for the photo pre-check, on a small greyscale raster already in memory:
// brightness, sharpness of the detailed areas, blown-out glare patches and the direction of text lines.

/** An 8-bit greyscale image, row-major, one byte per pixel. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** What the check measured (all relative to the raster, so independent of the photo's size). */
export interface Measures {
  /** Mean luminance (0–255). */
  readonly mean: number;
  /** 90th percentile of luminance: how bright the paper (the brightest large area) is. */
  readonly brightP90: number;
  /** Share of tiles with visible detail (text, edges). */
  readonly detailShare: number;
  /**
   * Sharpness of the most detailed tiles: Laplacian spread over luminance spread (contrast-free),
   * 80th percentile over detailed tiles; null when no tile has detail.
   */
  readonly sharpness: number | null;
  /** Share of the image in flat, clipped-white tiles (blown-out highlights). */
  readonly blownShare: number;
  /** 90th percentile of luminance outside the blown-out tiles. */
  readonly paperP90: number;
  /** Energy of horizontal structures over vertical ones after smoothing along each axis (>1: lines run across). */
  readonly lineAxis: number | null;
}

/** Side of the square tiles the raster is cut into. */
export const TILE = 32;
/** A tile whose luminance spread (standard deviation) reaches this shows detail. */
const DETAIL_STD = 8;
/** Luminance at or above which a pixel is clipped white. */
const CLIPPED = 250;

interface TileStats {
  readonly std: number;
  readonly lapStd: number;
  readonly clipped: number;
}

function tileStats(r: Raster, x0: number, y0: number): TileStats {
  const { width, data } = r;
  const x1 = Math.min(x0 + TILE, width - 1);
  const y1 = Math.min(y0 + TILE, r.height - 1);
  let n = 0;
  let sum = 0;
  let sq = 0;
  let lapSum = 0;
  let lapSq = 0;
  let clipped = 0;
  for (let y = Math.max(y0, 1); y < y1; y += 1) {
    const row = y * width;
    for (let i = row + Math.max(x0, 1); i < row + x1; i += 1) {
      const v = data[i]!;
      const lap = 4 * v - data[i - 1]! - data[i + 1]! - data[i - width]! - data[i + width]!;
      n += 1;
      sum += v;
      sq += v * v;
      lapSum += lap;
      lapSq += lap * lap;
      if (v >= CLIPPED) clipped += 1;
    }
  }
  if (n === 0) return { std: 0, lapStd: 0, clipped: 0 };
  const spread = (s: number, q: number): number => Math.sqrt(Math.max(0, q / n - (s / n) ** 2));
  return { std: spread(sum, sq), lapStd: spread(lapSum, lapSq), clipped: clipped / n };
}

/** Removes the pixels of the tile at (x0, y0) from a histogram. */
function subtractTile(hist: Uint32Array, r: Raster, x0: number, y0: number): number {
  let removed = 0;
  for (let y = y0; y < Math.min(y0 + TILE, r.height); y += 1)
    for (let x = x0; x < Math.min(x0 + TILE, r.width); x += 1) {
      const v = r.data[y * r.width + x]!;
      hist[v] = hist[v]! - 1;
      removed += 1;
    }
  return removed;
}

/** Value at quantile `q` (0–1) of a 256-bin histogram holding `total` values. */
function histogramQuantile(hist: Uint32Array, total: number, q: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v += 1) {
    seen += hist[v] ?? 0;
    if (seen >= q * total) return v;
  }
  return 255;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * Strength of lines running across (left to right): each row smoothed with a box of `k` pixels,
 * then the absolute differences between neighbouring rows, summed.
 */
function acrossEnergy(r: Raster, k: number): number {
  const { width, height, data } = r;
  const n = width - k;
  if (n <= 0) return 0;
  let previous = new Float64Array(n);
  let current = new Float64Array(n);
  let energy = 0;
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    let run = 0;
    for (let x = 0; x < width; x += 1) {
      run += data[row + x]! - (x >= k ? data[row + x - k]! : 0);
      if (x >= k) current[x - k] = run;
    }
    if (y > 0) for (let i = 0; i < n; i += 1) energy += Math.abs(current[i]! - previous[i]!);
    [previous, current] = [current, previous];
  }
  return energy / k;
}

/** Strength of lines running down: columns smoothed over `k` rows, differences between neighbouring columns. */
function downEnergy(r: Raster, k: number): number {
  const { width, height, data } = r;
  if (height <= k) return 0;
  const sums = new Float64Array(width);
  let energy = 0;
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    const old = (y - k) * width;
    for (let x = 0; x < width; x += 1) sums[x] = sums[x]! + data[row + x]! - (y >= k ? data[old + x]! : 0);
    if (y >= k) for (let x = 1; x < width; x += 1) energy += Math.abs(sums[x]! - sums[x - 1]!);
  }
  return energy / k;
}

/** Measures a greyscale raster (ideally about 1,000 px on its long side). */
export function measure(r: Raster): Measures {
  const hist = new Uint32Array(256);
  for (const v of r.data) hist[v] = hist[v]! + 1;
  const total = r.data.length;
  let mean = 0;
  for (let v = 0; v < 256; v += 1) mean += v * hist[v]!;
  const ratios: number[] = [];
  // Luminance outside the blown-out tiles: everything, minus those (rare) tiles.
  const outside = Uint32Array.from(hist);
  let outsideCount = total;
  let tiles = 0;
  let blown = 0;
  for (let y0 = 0; y0 < r.height; y0 += TILE)
    for (let x0 = 0; x0 < r.width; x0 += TILE) {
      const t = tileStats(r, x0, y0);
      tiles += 1;
      if (t.clipped >= 0.9 && t.std < DETAIL_STD) {
        blown += 1;
        outsideCount -= subtractTile(outside, r, x0, y0);
      } else if (t.std >= DETAIL_STD) ratios.push(t.lapStd / t.std);
    }
  const k = Math.max(5, Math.round(Math.max(r.width, r.height) / 50));
  const across = acrossEnergy(r, k);
  const down = downEnergy(r, k);
  return {
    mean: total > 0 ? mean / total : 0,
    brightP90: histogramQuantile(hist, total, 0.9),
    detailShare: tiles > 0 ? ratios.length / tiles : 0,
    sharpness: ratios.length > 0 ? quantile(ratios, 0.8) : null,
    blownShare: tiles > 0 ? blown / tiles : 0,
    paperP90: histogramQuantile(outside, outsideCount, 0.9),
    lineAxis: down > 0 ? across / down : null,
  };
}
