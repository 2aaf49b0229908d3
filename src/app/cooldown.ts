/**
 * A per-user cooldown: after a user's command, the same user waits `seconds` before the next. Entries
 * older than the cooldown are dropped as it goes, so memory stays bounded by recent users.
 */
export class Cooldown {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the user may go ahead (and the use is recorded), else the seconds left to wait. */
  take(userId: string): number {
    if (this.seconds <= 0) return 0;
    const now = this.now();
    const windowMs = this.seconds * 1000;
    if (this.last.size > 10_000) for (const [id, at] of this.last) if (now - at >= windowMs) this.last.delete(id);
    const previous = this.last.get(userId);
    if (previous !== undefined && now - previous < windowMs) return Math.ceil((windowMs - (now - previous)) / 1000);
    this.last.set(userId, now);
    return 0;
  }
}
