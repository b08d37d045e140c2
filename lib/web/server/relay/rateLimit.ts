/**
 * Token buckets per key (a client address, a signer): a burst of `capacity` requests, then one
 * every `1 / refillPerSecond` seconds. The relay spends its own gas, so it answers 429 before it
 * reads a chain for anyone who asks too often.
 */
export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token from every key's bucket, or none when any bucket is empty. */
  take(keys: readonly string[]): RateDecision;
}

/** The relay's default: 6 requests at once, then one every 10 s, per client and per signer. */
export const RELAY_RATE_LIMIT: RateLimit = { capacity: 6, refillPerSecond: 0.1 };

/** Buckets kept at most; the stalest go first, so a flood of fresh keys cannot grow memory. */
const MAX_BUCKETS = 10_000;

/**
 * @example
 * const limiter = createRateLimiter(RELAY_RATE_LIMIT)
 * if (!limiter.take([`ip:${ip}`, `signer:${voter}`]).allowed) return tooMany()
 */
export function createRateLimiter({ capacity, refillPerSecond }: RateLimit, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (key: string, at: number) => {
    const bucket = buckets.get(key);
    if (!bucket) return capacity;
    return Math.min(capacity, bucket.tokens + ((at - bucket.at) / 1000) * refillPerSecond);
  };
  return {
    take(keys) {
      const at = now();
      const levels = keys.map((key) => level(key, at));
      const lowest = Math.min(...levels);
      if (lowest < 1) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - lowest) / refillPerSecond)) };
      keys.forEach((key, i) => {
        buckets.delete(key); // re-inserted last: Map order is then staleness order
        buckets.set(key, { tokens: levels[i]! - 1, at });
      });
      while (buckets.size > MAX_BUCKETS) buckets.delete(buckets.keys().next().value!);
      return { allowed: true };
    },
  };
}
