import type { Db } from '../../platform/database.js';
import type { WorkingCalendar } from './calendar.engine.js';
import { loadCalendar } from './calendar.service.js';

/**
 * The process's working calendar, loaded from the database and kept in memory (deadline
 * computations are hot); reloaded after this process adds a year, and at least every `ttlMs` so a
 * year added through another process is seen soon.
 */
export class CalendarProvider {
  private cached: { calendar: WorkingCalendar; loadedAt: number } | undefined;
  private loading: Promise<WorkingCalendar> | undefined;

  constructor(
    private readonly db: () => Db,
    private readonly ttlMs = 60_000,
  ) {}

  async current(): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.loadedAt < this.ttlMs) return this.cached.calendar;
    this.loading ??= loadCalendar(this.db()).then(
      (calendar) => {
        this.cached = { calendar, loadedAt: Date.now() };
        this.loading = undefined;
        return calendar;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
