import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  allowedActions,
  CASE_ACTIONS,
  CASE_STATUSES,
  type CaseAction,
  type CaseStatus,
  INITIAL_FACTS,
  replay,
  TERMINAL_STATUSES,
  transition,
} from './cases.machine.js';

const ACTIONS = Object.keys(CASE_ACTIONS) as CaseAction[];

describe('the case state machine', () => {
  it('runs the whole statutory path', () => {
    expect(
      replay([
        'submit',
        'request_correction',
        'resubmit',
        'accept',
        'review',
        'suspend',
        'resume',
        'request_extension',
        'approve_extension',
        'approve',
        'produce',
        'deliver',
        'complete',
      ]).status,
    ).toBe('completed');
    expect(replay(['submit', 'handle_immediately']).status).toBe('completed');
    expect(replay(['submit', 'refuse_acceptance']).status).toBe('not_accepted');
    expect(replay(['submit', 'accept', 'review', 'refuse', 'deliver', 'complete']).status).toBe('completed');
  });

  it('allows one correction notice and one extension only', () => {
    const corrected = replay(['submit', 'request_correction', 'resubmit']);
    expect(() => transition(corrected.status, corrected.facts, 'request_correction')).toThrow(
      '补正告知只能一次性提出',
    );
    const extended = replay(['submit', 'accept', 'request_extension', 'approve_extension']);
    expect(extended.facts).toMatchObject({ extensions: 1, extensionRequested: false });
    expect(() => transition(extended.status, extended.facts, 'request_extension')).toThrow(
      '办理期限只能延长一次',
    );
    expect(allowedActions(extended.status, extended.facts)).not.toContain('request_extension');
  });

  it('an extension is requested, then approved or declined by the approver; one pending at a time', () => {
    const requested = replay(['submit', 'accept', 'review', 'request_extension']);
    expect(requested).toMatchObject({ status: 'under_review', facts: { extensionRequested: true } });
    expect(() => transition(requested.status, requested.facts, 'request_extension')).toThrow(
      '已有待审批的延期申请',
    );
    expect(allowedActions(requested.status, requested.facts)).toEqual(
      expect.arrayContaining(['approve_extension', 'decline_extension']),
    );
    // Declined: the reviewer may ask again; nothing was granted.
    const declined = transition(requested.status, requested.facts, 'decline_extension');
    expect(declined).toMatchObject({
      status: 'under_review',
      facts: { extensionRequested: false, extensions: 0 },
    });
    expect(allowedActions(declined.status, declined.facts)).toContain('request_extension');
    // Nothing to answer without a request.
    for (const answer of ['approve_extension', 'decline_extension'] as const)
      expect(() => transition(declined.status, declined.facts, answer)).toThrow('没有待审批的延期申请');
    // A suspension keeps the request; the decision lets it lapse.
    const suspended = replay(['submit', 'accept', 'request_extension', 'suspend']);
    expect(allowedActions(suspended.status, suspended.facts)).toContain('approve_extension');
    expect(replay(['submit', 'accept', 'request_extension', 'refuse']).facts.extensionRequested).toBe(false);
    // Not before acceptance, not after the decision.
    expect(() => replay(['submit', 'request_extension'])).toThrow();
    expect(() => replay(['submit', 'accept', 'approve', 'request_extension'])).toThrow();
  });

  it('容缺: no approval until the missing material arrives; overdue returns the case', () => {
    let state = transition('submitted', INITIAL_FACTS, 'accept_with_deficiency', { deficientMaterials: 1 });
    state = transition(state.status, state.facts, 'review');
    expect(() => transition(state.status, state.facts, 'approve')).toThrow('容缺材料尚未补齐');
    expect(transition(state.status, state.facts, 'return_deficient').status).toBe('returned');
    const supplied = transition(state.status, state.facts, 'supply_material');
    expect(transition(supplied.status, supplied.facts, 'approve').status).toBe('approved');
  });

  it('resume returns to where the suspension interrupted', () => {
    expect(replay(['submit', 'accept', 'suspend', 'resume']).status).toBe('accepted');
    expect(replay(['submit', 'accept', 'review', 'suspend', 'resume']).status).toBe('under_review');
  });

  it('a refused transition names the current status and the allowed actions', () => {
    try {
      replay(['submit', 'approve']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CASE_ACTION_NOT_ALLOWED');
      expect((error as AppError).details).toMatchObject({
        status: 'submitted',
        action: 'approve',
        allowedActions: expect.arrayContaining(['accept', 'request_correction', 'withdraw']),
      });
    }
  });

  it('no sequence of actions reaches an illegal status (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 40 }), (attempts) => {
        let status: CaseStatus = 'draft';
        let facts = INITIAL_FACTS;
        const seen: CaseStatus[] = [status];
        for (const action of attempts) {
          const allowed = allowedActions(status, facts);
          try {
            ({ status, facts } = transition(status, facts, action));
            expect(allowed).toContain(action);
            seen.push(status);
          } catch (error) {
            expect((error as AppError).code).toBe('CASE_ACTION_NOT_ALLOWED');
            expect(allowed).not.toContain(action);
          }
          expect(Object.keys(CASE_STATUSES)).toContain(status);
          if (TERMINAL_STATUSES.has(status)) expect(allowedActions(status, facts)).toEqual([]);
          expect(facts.corrections).toBeLessThanOrEqual(1);
          expect(facts.extensions).toBeLessThanOrEqual(1);
          // At most one pending request, none once granted, only while the case is open.
          if (facts.extensionRequested) {
            expect(facts.extensions).toBe(0);
            expect(['accepted', 'under_review', 'suspended']).toContain(status);
          }
          expect(facts.deficientMaterials).toBeGreaterThanOrEqual(0);
        }
        // A decision only ever follows acceptance; delivery only follows a decision.
        const first = (s: CaseStatus) => seen.indexOf(s);
        for (const decided of ['approved', 'refused'] as const) {
          if (first(decided) >= 0) expect(first('accepted')).toBeGreaterThanOrEqual(0);
          if (first(decided) >= 0) expect(first('accepted')).toBeLessThan(first(decided));
        }
        if (first('delivered') >= 0)
          expect(Math.max(first('refused'), first('produced'))).toBeGreaterThanOrEqual(0);
        if (first('produced') >= 0) expect(first('approved')).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('an extension is only ever granted on a request, once, and never changes the status (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (choices) => {
        let state = { status: 'draft' as CaseStatus, facts: INITIAL_FACTS };
        let pending = false;
        let granted = 0;
        for (const choice of choices) {
          const allowed = allowedActions(state.status, state.facts);
          if (allowed.length === 0) break;
          const action = allowed[choice % allowed.length] as CaseAction;
          const next = transition(state.status, state.facts, action);
          if (action === 'request_extension') {
            expect(pending).toBe(false);
            expect(granted).toBe(0);
            pending = true;
          }
          if (action === 'approve_extension' || action === 'decline_extension') {
            expect(pending).toBe(true);
            pending = false;
            if (action === 'approve_extension') granted += 1;
          }
          if (action.endsWith('_extension')) expect(next.status).toBe(state.status);
          if (!['accepted', 'under_review', 'suspended'].includes(next.status)) pending = false;
          expect(next.facts.extensionRequested).toBe(pending);
          expect(next.facts.extensions).toBe(granted);
          state = next;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('walks that always take an allowed action keep every invariant and can end the case (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (choices) => {
        let state = { status: 'draft' as CaseStatus, facts: INITIAL_FACTS };
        const path: CaseAction[] = [];
        for (const choice of choices) {
          const allowed = allowedActions(state.status, state.facts);
          if (allowed.length === 0) {
            expect(TERMINAL_STATUSES.has(state.status)).toBe(true);
            break;
          }
          const action = allowed[choice % allowed.length] as CaseAction;
          state = transition(state.status, state.facts, action);
          path.push(action);
        }
        // Replaying the log gives the same state: the status is derived, never stored apart.
        expect(replay(path)).toEqual(state);
        if (state.status === 'completed') {
          expect(path.includes('handle_immediately') || path.includes('deliver')).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
