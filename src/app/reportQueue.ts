import { setTimeout as sleep } from "node:timers/promises";

export interface ReportQueueOptions<R> {
  /** Posts one message in the channel: one report, or a digest of several; `dropped` more were only counted. */
  post(channelId: string, reports: R[], dropped: number): Promise<void>;
  /** At most one message a channel this often (Discord allows 5 messages in 5 s a channel). */
  spacingMs: number;
  /** Reports waiting for one channel; past it, later ones are counted only. */
  maxWaiting: number;
  onError(error: unknown, channelId: string): void;
}

interface Channel<R> {
  waiting: R[];
  dropped: number;
  lastPostAt: number;
  draining: Promise<void> | null;
}

/**
 * Reports for the moderators' channels, posted apart from the clicks that made them: the reporter is
 * thanked at once, and each channel gets one message at a time, spaced out. Reports that arrive while
 * a message is being posted, or before the next may go, are posted together as one digest: a flood of
 * reports is a few messages, never one each, and never holds up the bot's replies.
 */
export class ReportQueue<R> {
  private readonly channels = new Map<string, Channel<R>>();

  constructor(private readonly options: ReportQueueOptions<R>) {}

  /** Queues a report for a channel; never throws, never waits. */
  add(channelId: string, report: R): void {
    let channel = this.channels.get(channelId);
    if (!channel) {
      channel = { waiting: [], dropped: 0, lastPostAt: -Infinity, draining: null };
      this.channels.set(channelId, channel);
    }
    if (channel.waiting.length < this.options.maxWaiting) channel.waiting.push(report);
    else channel.dropped++;
    // The channel stays known after its queue drains: the next report still waits for the spacing.
    channel.draining ??= this.drain(channelId, channel).finally(() => {
      channel.draining = null;
    });
  }

  /** Resolves once every report queued so far has been posted (or failed): at shutdown, and in tests. */
  async idle(): Promise<void> {
    for (;;) {
      const draining = [...this.channels.values()].flatMap((c) => (c.draining ? [c.draining] : []));
      if (draining.length === 0) return;
      await Promise.all(draining);
    }
  }

  private async drain(channelId: string, channel: Channel<R>): Promise<void> {
    while (channel.waiting.length > 0 || channel.dropped > 0) {
      const wait = channel.lastPostAt + this.options.spacingMs - performance.now();
      if (wait > 0) await sleep(wait, undefined, { ref: false });
      const reports = channel.waiting.splice(0);
      const dropped = channel.dropped;
      channel.dropped = 0;
      try {
        await this.options.post(channelId, reports, dropped);
      } catch (error) {
        this.options.onError(error, channelId);
      }
      channel.lastPostAt = performance.now();
    }
  }
}
