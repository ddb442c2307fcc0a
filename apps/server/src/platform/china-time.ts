/** The calendar day in China (UTC+8, no daylight saving) of an instant, as YYYY-MM-DD. */
export function chinaDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
