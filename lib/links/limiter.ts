/** Counts concurrent work and queues the rest: at most `limit` holders at once. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** One overall limit plus one per host (`*` is the overall one and the default per host). */
export class HostLimiter {
  private readonly overall: Semaphore;
  private readonly hosts = new Map<string, Semaphore>();

  constructor(private readonly limits: Record<string, number>) {
    this.overall = new Semaphore(limits['*'] ?? 16);
  }

  /** Runs task while holding a slot for its host and an overall slot. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    let semaphore = this.hosts.get(host);
    if (!semaphore) {
      semaphore = new Semaphore(this.limits[host] ?? this.limits['*'] ?? 16);
      this.hosts.set(host, semaphore);
    }
    await semaphore.acquire();
    await this.overall.acquire();
    try {
      return await task();
    } finally {
      this.overall.release();
      semaphore.release();
    }
  }
}
