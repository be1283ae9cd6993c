// Answering the extension's real quick picks and input boxes from the extension host, with the workbench's own
// quick-input commands (what the keyboard does): move the active item, toggle a checkbox, accept, close.
//
// Ordering, not timing, makes this sound: the extension under test runs in this same extension host, so once it has
// what it needs (a command started, a listing's CallRecord seen) everything up to showing its pick is queued work
// with no I/O. settle() lets that work run; the workbench then receives the pick before the commands sent next.
import * as vscode from 'vscode';
import type { CallRecordLike, ExtensionApi } from './harness';

/** Lets the extension host finish what it has queued, e.g. showing a pick after its listing arrived. */
export function settle(ms = 200): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with the first CallRecord of `action` recorded from now on (a listing's last page: pass `pages`). */
export function nextRecord(api: ExtensionApi, action: string, pages = 1): Promise<CallRecordLike> {
  return new Promise((resolve) => {
    let seen = 0;
    const subscription = api.onDidRecordCall((record) => {
      if (record.action !== action || ++seen < pages) return;
      subscription.dispose();
      resolve(record);
    });
  });
}

/** Moves the active item down `times` (the first item is active when a pick opens). */
export async function selectNext(times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
}

/** Checks or unchecks the active item of a multi-select pick. */
export async function toggleActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
}

/** Enter: the active item of a pick, the checked items of a multi-select pick, or an input box's value. */
export async function accept(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

/** Escape. */
export async function closeQuickInput(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
}

/** Whether `promise` is still pending after the host settled (a pick or input box is still waiting). */
export async function isPending(promise: Thenable<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const first = await Promise.race([Promise.resolve(promise), settle().then(() => marker)]);
  return first === marker;
}
