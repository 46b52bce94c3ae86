/** A token bucket: `perSecond` tokens refill each second, up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  /** Takes `cost` tokens if there are that many; false (nothing taken) if not. */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /**
   * How many milliseconds to wait until `cost` tokens are there (0: now). A cost above the burst
   * needs only a full bucket, and then leaves it in debt (see spend), so that one large message is
   * slowed, never refused for ever.
   */
  waitFor(cost: number): number {
    this.refill();
    const needed = Math.min(cost, this.burst);
    return this.tokens >= needed ? 0 : Math.max(1, Math.ceil(((needed - this.tokens) / this.perSecond) * 1000));
  }

  /** Takes `cost` tokens, even into debt (after waitFor said there were enough). */
  spend(cost: number): void {
    this.refill();
    this.tokens -= cost;
  }
}
