// The extra sessions one introspection opens to read catalogs in parallel (see parallel-read.ts).
// They start connecting at once, so TCP, TLS and authentication overlap the first session's start;
// one that cannot connect or cannot adopt the snapshot is simply not used. close() waits for the ones
// that are open; one still connecting then is closed as soon as it connects, without holding up the
// result (it was not needed).
import type { Session } from './queryable.js';

export class HelperSessions {
  private readonly connecting: Promise<Session | null>[];
  private readonly open = new Set<Session>();
  private closed = false;

  constructor(openSession: (() => Promise<Session>) | undefined, count: number) {
    this.connecting = openSession
      ? Array.from({ length: Math.max(0, count) }, () =>
          openSession().then((session) => this.adopt(session), () => null),
        )
      : [];
  }

  get count(): number {
    return this.connecting.length;
  }

  /** Each helper, once it has run `prepare` (null if it could not). */
  prepared(prepare: (session: Session) => Promise<void>): Promise<Session | null>[] {
    return this.connecting.map(async (pending) => {
      const session = await pending;
      if (!session || this.closed) return null;
      try {
        await prepare(session);
        return session;
      } catch {
        await this.release(session);
        return null;
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.open].map((session) => this.release(session)));
  }

  private async adopt(session: Session): Promise<Session | null> {
    if (this.closed) {
      await session.close().catch(() => undefined);
      return null;
    }
    this.open.add(session);
    return session;
  }

  private async release(session: Session): Promise<void> {
    this.open.delete(session);
    await session.close().catch(() => undefined);
  }
}
