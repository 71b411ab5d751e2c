/** A seeded PRNG (mulberry32): the same seed replays the same fuzz cases. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof createRandom>;

/** A random JSON-ish value of any shape, for fields that expect something else. */
export function junk(r: Random, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return r.int(2) === 0 ? r.int(1_000_000) - 500_000 : r.next() * 1e6;
    case 2:
      return r.pick(['', ' ', 'x'.repeat(300), '💥', '../../etc/passwd', '\'; DROP TABLE "Task"; --', '\u0000', 'NaN']);
    case 3:
      return r.chance(0.5);
    case 4:
      return r.pick([Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308]);
    case 5:
      return String(r.int(1e9));
    case 6:
      return Array.from({ length: r.int(4) }, () => junk(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, (_, i) => [
          r.pick(['a', 'states', 'on', 'type', '__proto__', `k${i}`]),
          junk(r, depth + 1),
        ]),
      );
  }
}
