// What differs between the MPS bucket groups in the Resources view, per bucket type: words, menu contexts and the
// message row of an empty group. Everything else (rows, states, refresh) is the same code for both types. Functions
// for the words, so vscode.l10n.t answers in the display language once the extension runs.

import * as vscode from 'vscode';
import type { MediaBucketType } from '../cloud';
import type { BucketBinding } from './bucketBinding';
import type { MessageAction } from './nodes';

export interface BucketKind {
  /** The group row's contextValue; bucket rows use `<row>.<binding>` (package.json menus match both). */
  readonly groupContext: string;
  readonly rowContext: string;
  /** The empty group's row: what it runs. */
  readonly addAction: MessageAction;
  group(): string;
  add(): string;
  bound(): string;
  /** Pickers: the placeholder, and why there is nothing to pick. */
  placeholder(): string;
  noneConfigured(profile: string): string;
}

export const BUCKET_KINDS: Readonly<Record<MediaBucketType, BucketKind>> = {
  Output: {
    groupContext: 'bucketGroup',
    rowContext: 'outputBucket',
    addAction: 'addOutputBucket',
    group: () => vscode.l10n.t('MPS Output Buckets'),
    add: () => vscode.l10n.t('Add Output Bucket…'),
    bound: () => vscode.l10n.t('bound as output'),
    placeholder: () => vscode.l10n.t('Output buckets'),
    noneConfigured: (profile) => vscode.l10n.t('Profile {0} has no output buckets configured.', profile),
  },
  Input: {
    groupContext: 'inputBucketGroup',
    rowContext: 'inputBucket',
    addAction: 'addInputBucket',
    group: () => vscode.l10n.t('MPS Input Buckets'),
    add: () => vscode.l10n.t('Add Input Bucket…'),
    bound: () => vscode.l10n.t('bound as input'),
    placeholder: () => vscode.l10n.t('Input buckets'),
    noneConfigured: (profile) => vscode.l10n.t('Profile {0} has no input buckets configured.', profile),
  },
};

/** A row's binding in words: "bound as input", "not bound", "unknown". */
export function bindingText(binding: BucketBinding, kind: BucketKind): string {
  switch (binding) {
    case 'bound':
      return kind.bound();
    case 'unbound':
      return vscode.l10n.t('not bound');
    case 'unknown':
      return vscode.l10n.t('unknown');
  }
}
