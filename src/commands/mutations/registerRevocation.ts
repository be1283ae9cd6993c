// A revocation command = an operation (mutation.ts) + how its targets arrive: parsed from a caller's object, or
// chosen from the tree selection / quick picks. Everything after that is the shared pipeline.

import * as vscode from 'vscode';
import type { Acknowledged } from '../../cloud';
import type { CommandId } from '../../commandIds';
import { isResourceNode, type AnyResourceNode } from '../../tree/nodes';
import type { CallerRequest, ParsedArgument } from '../commandArgs';
import type { CommandDeps } from '../deps';
import type { CommandHandlers } from '../commandHandlers';
import { failed, invalidArgument } from '../results';
import { effectiveSelection, profilesOf } from '../targets';
import type { Mutation, MutationTarget } from './mutation';
import { runMutationCommand } from './mutationCommand';

export interface RevocationCommand<T extends MutationTarget, R extends Acknowledged> {
  readonly id: CommandId;
  readonly mutation: Mutation<T, R>;
  /** A caller's plain object → distinct targets of one configured profile, or why not. Never prompts. */
  parse(arg: Record<string, unknown>, profiles: readonly string[]): ParsedArgument<CallerRequest<T>>;
  /** Selected rows → targets; with no usable rows, quick picks. Undefined when the user backed out. */
  choose(deps: CommandDeps, rows: readonly AnyResourceNode[]): Promise<T[] | undefined>;
}

export function revocationHandlers<T extends MutationTarget, R extends Acknowledged>(deps: CommandDeps, command: RevocationCommand<T, R>): CommandHandlers {
  return {
    ui: async (clicked, selected) => {
      // Menus pass tree rows and the palette passes nothing; anything else is a caller's mistake, not a prompt.
      if (clicked !== undefined && !isResourceNode(clicked)) {
        return invalidArgument(`Expected a tree row or a plain object for ${command.id}.`);
      }
      const targets = await command.choose(deps, effectiveSelection(clicked, selected) as AnyResourceNode[]);
      if (!targets || targets.length === 0) return undefined;
      const profiles = profilesOf(targets);
      if (profiles.length !== 1) {
        void deps.ui.showWarningMessage(vscode.l10n.t('Select targets of one profile at a time: each profile has its own account and endpoint.'));
        return undefined;
      }
      return runMutationCommand(deps, command.mutation, { profile: profiles[0] as string, targets, interactive: true, bulk: false });
    },
    caller: async (arg) => {
      const parsed = command.parse(arg, deps.settings.profiles().map((p) => p.name));
      if (!parsed.ok) return failed(parsed.error);
      return runMutationCommand(deps, command.mutation, { ...parsed.value, interactive: false });
    },
  };
}
