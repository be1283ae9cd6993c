// vscode.l10n.t outside VS Code, for unit tests and the bench. `@vscode/l10n` does what VS Code's own does (look
// the message up in the loaded bundle, none meaning English, then fill in `{0}` or `{name}` placeholders), and it
// is also what the code without VS Code words its texts with: loading a bundle here switches both to it.
import * as l10n from '@vscode/l10n';

export type Bundle = Record<string, string | { message: string; comment: string[] }>;

/** Answers from `next` from now on (undefined: English again), as VS Code does in another display language. */
export function useBundle(next: Bundle | undefined): void {
  l10n.config({ contents: next ?? {} });
}

export const t: typeof l10n.t = l10n.t;
