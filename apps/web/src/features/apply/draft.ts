/**
 * The apply wizard's draft. Form values live in localStorage until the form is complete (the
 * server validates a case's form when it is created, so a half-filled form cannot be a server
 * draft); then the case is created as a server-side draft (`submit: false`), materials are
 * attached to it, and it is listed under 我的办件 as 草稿 — resumable from any device. The key
 * names the user and the item, so people sharing a browser never see each other's drafts.
 */
export interface ApplyDraft {
  form: Record<string, unknown>;
  /** The server-side draft case, once the form was complete. */
  caseId?: string;
  /** One key for creating the case, kept across retries and reloads. */
  createKey: string;
  /** One key for submitting it. */
  submitKey: string;
  /** 容缺 commitments by material key. */
  deferred: Record<string, boolean>;
  identifier?: string;
}

const key = (user: string, code: string) => `yiwang.draft.${user}.${code}`;

export function loadDraft(user: string, code: string): ApplyDraft | null {
  try {
    const text = window.localStorage.getItem(key(user, code));
    return text ? (JSON.parse(text) as ApplyDraft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(user: string, code: string, draft: ApplyDraft): void {
  try {
    window.localStorage.setItem(key(user, code), JSON.stringify(draft));
  } catch {
    // Without storage the draft lives as long as the page; the server draft still keeps the case.
  }
}

export function clearDraft(user: string, code: string): void {
  try {
    window.localStorage.removeItem(key(user, code));
  } catch {
    // nothing to clear
  }
}
