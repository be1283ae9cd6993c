// Start-up timings the extension measures itself, so a benchmark reads the real extension host's numbers rather
// than guessing from outside. Exposed through a command that is registered but not contributed: it never appears
// in the Command Palette or any menu.

import * as vscode from 'vscode';

export const STARTUP_TIMINGS_COMMAND = 'alicloudMedia.internal.startupTimings';

export interface StartupTimings {
  /** Time spent in activate(), ms. */
  activateMs?: number;
  /** From activate() starting until the Resources tree's first root listing resolved, ms. */
  firstTreeRenderMs?: number;
}

export class StartupClock {
  private readonly started = performance.now();
  private readonly timings: StartupTimings = {};

  /** Times the first getChildren(undefined) that resolves; later calls go straight through. */
  watchFirstRoots<N, R>(provider: { getChildren(node?: N): Promise<R[]> }): void {
    const getChildren = provider.getChildren.bind(provider);
    provider.getChildren = async (node?: N) => {
      const rows = await getChildren(node);
      if (node === undefined) this.timings.firstTreeRenderMs ??= performance.now() - this.started;
      return rows;
    };
  }

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.commands.registerCommand(STARTUP_TIMINGS_COMMAND, (): StartupTimings => ({ ...this.timings })));
  }

  /** Call last in activate(). */
  activated(): void {
    this.timings.activateMs ??= performance.now() - this.started;
  }
}
