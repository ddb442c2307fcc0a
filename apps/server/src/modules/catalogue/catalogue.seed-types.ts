import type { BasicItem, Bundle, EntryContent, HandlingItem } from './catalogue.model.js';

/**
 * One implementation entry (实施清单) of the seed catalogue. The six key elements come from the
 * basic item; the implementing department is named by its org seed key; handling-item codes are
 * computed when seeding (实施编码 + two digits).
 */
export interface SeedEntry {
  basicCode: string;
  /** Key of the implementing department in org.seed-data.ts, e.g. `xh-scjg`. */
  departmentKey: string;
  /** The digit between the credit code and the basic code in the 实施编码 (usually 0). */
  serial: string;
  content: Omit<EntryContent, 'handlingItems'> & { handlingItems: Omit<HandlingItem, 'code'>[] };
}

/** The whole seed catalogue. */
export interface SeedCatalogue {
  basicItems: BasicItem[];
  entries: SeedEntry[];
  bundles: Bundle[];
}
