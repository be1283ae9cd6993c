// A single-choice quick pick filled from the account (RAM users or roles, VOD applications) that opens at once,
// busy while the listing loads, and always keeps "Enter manually…" as its last item: a person who knows the value
// never waits for a slow listing, and one the key may not read (no permission, network) is never a dead end.
// The listed names come from the server and the quick pick draws `$(icon)` in them: they are shown inert.

import * as vscode from 'vscode';
import { inertItem } from '../inertText';
import type { UiPort } from './uiPort';

export interface ListedItem<T> extends vscode.QuickPickItem {
  readonly value: T;
}

/** What a listing gave: the items and the placeholder that describes them, or why there are none. */
export type Listed<T> = { readonly items: readonly ListedItem<T>[]; readonly placeholder: string } | { readonly problem: string };

export interface ListingPickOptions<T> {
  readonly title: string;
  /** The placeholder while loading, e.g. "Reading RAM users…". */
  readonly loading: string;
  /** Shown beside "Enter manually…", e.g. "type a user name or UserId". */
  readonly manualHint: string;
  /** Never rejects: a failure is `{ problem }`. */
  readonly load: () => Promise<Listed<T>>;
}

/**
 * `picked` with the chosen value; `manual` when the person chose "Enter manually…" (`typed`: the filter text, which
 * the input box starts from) or the listing failed (`problem` says why, for the input box that follows); undefined
 * when the pick was dismissed.
 */
export type ListingPick<T> =
  | { readonly kind: 'picked'; readonly value: T }
  | { readonly kind: 'manual'; readonly typed?: string; readonly problem?: string }
  | undefined;

type Item<T> = vscode.QuickPickItem & { readonly value?: T; readonly manual?: true };

export function pickFromListing<T>(ui: Pick<UiPort, 'createQuickPick'>, options: ListingPickOptions<T>): Promise<ListingPick<T>> {
  const pick = ui.createQuickPick<Item<T>>();
  const manual: Item<T> = { label: vscode.l10n.t('Enter manually…'), description: options.manualHint, alwaysShow: true, manual: true };
  pick.title = options.title;
  pick.placeholder = options.loading;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  pick.items = [manual];

  return new Promise<ListingPick<T>>((resolve) => {
    let settled = false;
    const finish = (outcome: ListingPick<T>) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      pick.hide();
      pick.dispose();
    };
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (!chosen) return;
      finish(chosen.manual ? { kind: 'manual', typed: pick.value.trim() } : { kind: 'picked', value: chosen.value as T });
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
    void options.load().then((listed) => {
      if (settled) return;
      if ('problem' in listed) {
        finish({ kind: 'manual', problem: listed.problem });
        return;
      }
      pick.items = [...listed.items.map(inertItem), { label: '', kind: vscode.QuickPickItemKind.Separator }, manual];
      pick.placeholder = listed.placeholder;
      pick.busy = false;
    }, (thrown: unknown) => finish({ kind: 'manual', problem: thrown instanceof Error ? thrown.message : String(thrown) }));
  });
}
