// The UI port: what commands ask of people through vscode.window — quick picks (and the live ones that fill while a
// listing loads: createQuickPick), modals (showWarningMessage with `modal: true`), input boxes, notifications and
// progress. Commands reach it as `deps.ui`, never as vscode.window, so a unit test can hand them a scripted port
// and read what was asked instead of patching the window.

import * as vscode from 'vscode';

export type UiPort = Pick<
  typeof vscode.window,
  'showQuickPick' | 'createQuickPick' | 'showInputBox' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage' | 'withProgress'
>;

/**
 * The real port. Each member is looked up on vscode.window when it is used, not when the port is built: the
 * extension-host tests replace vscode.window's functions (test/integration/support/windowStubs.ts), and what they
 * put there must be what the commands call. A Proxy says that in one line (this file is in the activation bundle).
 */
export const windowUi: UiPort = new Proxy({} as UiPort, { get: (_, name) => vscode.window[name as keyof UiPort] });
