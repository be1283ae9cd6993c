// An operation as the commands see it: a revocation command (its mutation: action, words, rows, the client call;
// and how its targets arrive: parse, choose), its undo twin, and how the undo plan's target (history/reversals.ts)
// becomes the twin's target. `revocation(...)` closes over the types, so the registry (operations.ts) holds every
// operation alike and the undo command and commands/index.ts dispatch through it by action.

import { CloudError, type Acknowledged } from '../../cloud';
import type { RevocationAction } from '../../cloud/operations';
import type { ReversalTarget } from '../../history/reversals';
import type { UndoPlan } from '../../history/undoPlan';
import type { ProfileSession } from '../../profiles/profileSessions';
import type { Confirmation, RevocationScope, UndoText } from '../confirmation';
import type { CommandDeps } from '../deps';
import type { CommandHandlers } from '../commandHandlers';
import type { Mutation, MutationTarget } from './mutation';
import { revocationHandlers, type RevocationCommand } from './registerRevocation';
import { runMutationCommand, type InteractiveRun, type MutationResult } from './mutationCommand';

export interface RevocationOperation<A extends RevocationAction, T extends MutationTarget, R extends Acknowledged, U extends MutationTarget, UR extends Acknowledged> {
  readonly action: A;
  readonly command: RevocationCommand<T, R>;
  /** The undo twin (its action is the revocation's `undoneBy`); run only by the undo command, with its confirmation. */
  readonly undo: Mutation<U, UR>;
  /** The planned reversal → the twin's target: what to send, which rows to refresh. */
  undoTarget(session: ProfileSession, profile: string, planned: ReversalTarget<A>): U | Promise<U>;
  /**
   * The undo modal's first line (what comes back) and its caveat (what cannot), in the display language. `describe`
   * gets the twin's target once it is built, so it can name what was resolved for it (a RAM user's name).
   */
  readonly undoWords: { describe(planned: ReversalTarget<A>, target?: U): string; caveat(planned: ReversalTarget<A>): string };
}

/** The undo's run as the undo command sets it up: profile, prompt or not, and its own confirmation of the undo's words. */
export type UndoRun = Omit<InteractiveRun<never>, 'targets' | 'confirmation'> & {
  confirmation(scope: RevocationScope, text: UndoText): Confirmation;
  /** Asked right before the twin's call is sent: why the undo is no longer right (another window), if it is not. */
  checkBeforeSending(): Promise<string | undefined>;
};

/** What the registry keeps of an operation: the types closed over, only what callers need. */
export interface RegisteredRevocation<A extends RevocationAction = RevocationAction> {
  readonly action: A;
  /** The revocation's and the twin's mutations, as far as checks need them. */
  readonly mutations: { readonly revocation: Pick<Mutation<never, never>, 'action' | 'product'>; readonly undo: Pick<Mutation<never, never>, 'action' | 'product'> };
  /** The revocation's command (commands/index.ts lists it under its name). */
  handlers(deps: CommandDeps): CommandHandlers;
  /** What the undo of a plan made from this revocation's record gives back, and what it cannot. */
  undoText(plan: UndoPlan): UndoText;
  /** Runs the twin for a plan made from this revocation's record. */
  undo(deps: CommandDeps, session: ProfileSession, plan: UndoPlan, run: UndoRun): Promise<MutationResult | undefined>;
}

export function revocation<A extends RevocationAction, T extends MutationTarget, R extends Acknowledged, U extends MutationTarget, UR extends Acknowledged>(
  op: RevocationOperation<A, T, R, U, UR>,
): RegisteredRevocation<A> {
  // planUndo made plan.target with this revocation's own Reversal (REVERSALS[plan.revocation]), and the registry
  // hands an entry only the plans of its own action.
  const planned = (plan: UndoPlan) => plan.target as ReversalTarget<A>;
  return {
    action: op.action,
    mutations: { revocation: op.command.mutation, undo: op.undo },
    handlers: (deps) => revocationHandlers(deps, op.command),
    undoText: (plan) => ({ what: op.undoWords.describe(planned(plan)), caveat: op.undoWords.caveat(planned(plan)) }),
    undo: async (deps, session, plan, run) => {
      const target = await op.undoTarget(session, plan.profile, planned(plan));
      const text = { what: op.undoWords.describe(planned(plan), target), caveat: op.undoWords.caveat(planned(plan)) };
      const { checkBeforeSending, ...rest } = run;
      return runMutationCommand(deps, checkedBeforeSending(op.undo, checkBeforeSending), { ...rest, targets: [target], confirmation: (scope) => run.confirmation(scope, text) });
    },
  };
}

/** The twin's mutation, whose call first asks `check`: a refusal fails the call before anything is sent. */
function checkedBeforeSending<T extends MutationTarget, R extends Acknowledged>(mutation: Mutation<T, R>, check: () => Promise<string | undefined>): Mutation<T, R> {
  return {
    ...mutation,
    send: async (session, target, signal) => {
      const overtaken = await check();
      if (overtaken) throw new CloudError({ kind: 'invalid-input', code: 'UndoOvertaken', message: overtaken, retryable: false });
      return mutation.send(session, target, signal);
    },
  };
}
