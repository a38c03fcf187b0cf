// Deterministic local embedder: hashed character n-grams, syllables and syllable bigrams of the
// folded text, TF-IDF weighted per hash bucket, fixed dimension. No download, no network.
import type { Embedder } from "../core/ports.js";
import { analyze, charNgrams, type AnalyzedText, type CompiledLexicon } from "../core/nlu/index.js";

/** Vector length of the local embedder: enough to keep hash collisions rare at 5,000 procedures. */
export const DEFAULT_DIMENSION = 256;

/** Serialisable state: the document frequency of every bucket over the fitted corpus. */
export interface LocalEmbedderState {
  readonly dimension: number;
  readonly documents: number;
  readonly df: readonly number[];
}

function fnv1a(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SEED_WORD = 1;
const SEED_CHAR3 = 3;
const SEED_CHAR4 = 4;
const SEED_BIGRAM = 7;

/** Hashed features of one word (the word itself and its character 3/4-grams), memoised per word. */
type WordFeatures = ReadonlyArray<readonly [number, number]>;

/** Signed feature hashing: low bits choose the bucket, the top bit the sign. */
function hashed(feature: string, seed: number, weight: number, dimension: number): readonly [number, number] {
  const h = fnv1a(feature, seed);
  return [h % dimension, h & 0x80000000 ? -weight : weight];
}

function wordFeatures(word: string, dimension: number, cache: Map<string, WordFeatures>): WordFeatures {
  const hit = cache.get(word);
  if (hit) return hit;
  const out: Array<readonly [number, number]> = [hashed(word, SEED_WORD, 1, dimension)];
  for (const g of charNgrams(word, 3)) out.push(hashed(g, SEED_CHAR3, 0.5, dimension));
  for (const g of charNgrams(word, 4)) out.push(hashed(g, SEED_CHAR4, 0.5, dimension));
  if (cache.size > 100_000) cache.clear();
  cache.set(word, out);
  return out;
}

/** Hashed feature counts of analysed texts (one passage may have several parts): bucket → signed weight. */
function features(
  parts: readonly AnalyzedText[],
  dimension: number,
  cache: Map<string, WordFeatures>,
): Map<number, number> {
  const out = new Map<number, number>();
  const add = ([bucket, w]: readonly [number, number]): void => {
    out.set(bucket, (out.get(bucket) ?? 0) + w);
  };
  for (const a of parts) {
    a.folded.forEach((w, i) => {
      if (a.kinds[i] === "stop") return;
      for (const f of wordFeatures(w, dimension, cache)) add(f);
    });
    for (const b of a.bigrams) add(hashed(b, SEED_BIGRAM, 1.5, dimension));
  }
  return out;
}

/** Local TF-IDF hashing embedder; fit it on the corpus once, then embed queries and documents. */
export class LocalEmbedder implements Embedder {
  readonly id: string;
  private readonly idf: Float64Array;
  private readonly cache = new Map<string, WordFeatures>();

  private constructor(
    private readonly lexicon: CompiledLexicon,
    private readonly state: LocalEmbedderState,
  ) {
    this.id = `local-hash-v1-d${state.dimension}`;
    this.idf = Float64Array.from(state.df, (df) => Math.log((1 + state.documents) / (1 + df)) + 1);
  }

  get dimension(): number {
    return this.state.dimension;
  }

  /**
   * Computes bucket document frequencies over already-analysed passages and embeds them in the
   * same pass (each passage is a list of analysed parts).
   */
  static fit(
    passages: readonly (readonly AnalyzedText[])[],
    lexicon: CompiledLexicon,
    dimension = DEFAULT_DIMENSION,
  ): { embedder: LocalEmbedder; vectors: number[][] } {
    const fitter = new LocalEmbedderFitter(lexicon, dimension);
    for (const parts of passages) fitter.add(parts);
    return fitter.finish();
  }

  static fromState(state: LocalEmbedderState, lexicon: CompiledLexicon): LocalEmbedder {
    return new LocalEmbedder(lexicon, state);
  }

  toState(): LocalEmbedderState {
    return this.state;
  }

  /** Synchronous embedding; L2-normalised, all zeros for text without any feature. */
  embed(text: string): number[] {
    const parts = [analyze(text, this.lexicon)];
    return this.vectorOf(features(parts, this.state.dimension, this.cache));
  }

  /** L2-normalised TF-IDF vector of hashed counts. */
  vectorOf(counts: Iterable<readonly [number, number]>): number[] {
    const v = new Array<number>(this.state.dimension).fill(0);
    let norm = 0;
    for (const [bucket, raw] of counts) {
      const tf = Math.sign(raw) * Math.log1p(Math.abs(raw));
      const x = tf * (this.idf[bucket] ?? 1);
      v[bucket] = x;
      norm += x * x;
    }
    if (norm === 0) return v;
    const inv = 1 / Math.sqrt(norm);
    return v.map((x) => x * inv);
  }

  embedDocuments(texts: readonly string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((t) => this.embed(t)));
  }

  embedQuery(text: string): Promise<number[]> {
    return Promise.resolve(this.embed(text));
  }
}

/** Collects passage features one at a time (compactly), then fits IDF and embeds them all. */
export class LocalEmbedderFitter {
  private readonly cache = new Map<string, WordFeatures>();
  private readonly buckets: Int32Array[] = [];
  private readonly values: Float32Array[] = [];
  private readonly df: number[];

  constructor(
    private readonly lexicon: CompiledLexicon,
    private readonly dimension = DEFAULT_DIMENSION,
  ) {
    this.df = new Array<number>(dimension).fill(0);
  }

  /** Adds one passage made of analysed parts. */
  add(parts: readonly AnalyzedText[]): void {
    const counts = features(parts, this.dimension, this.cache);
    const b = new Int32Array(counts.size);
    const v = new Float32Array(counts.size);
    let i = 0;
    for (const [bucket, w] of counts) {
      b[i] = bucket;
      v[i] = w;
      i++;
      this.df[bucket] = (this.df[bucket] ?? 0) + 1;
    }
    this.buckets.push(b);
    this.values.push(v);
  }

  /** Fits IDF on everything added and returns the embedder with every passage vector. */
  finish(): { embedder: LocalEmbedder; vectors: number[][] } {
    const embedder = LocalEmbedder.fromState(
      { dimension: this.dimension, documents: this.buckets.length, df: this.df },
      this.lexicon,
    );
    const vectors = this.buckets.map((b, j) => {
      const v = this.values[j] ?? new Float32Array(0);
      return embedder.vectorOf(Array.from(b, (bucket, i) => [bucket, v[i] ?? 0] as const));
    });
    return { embedder, vectors };
  }
}
