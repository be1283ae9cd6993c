// The bench runs the extension's bulk path in plain Node (bench/extensionPath.ts). A few modules on that path
// import `vscode` for UI helpers (pickers, prompts) that the bench never calls; the npm script aliases `vscode`
// to this module so they load. Touching any of its API here is a bench bug, and says so — except `l10n.t`: the
// operations word what they show (a busy row's label) through it, and without a bundle VS Code answers with the
// English message, placeholders filled in, which is what test/support/l10n.ts does.
import { t } from '../test/support/l10n';

// `l10n` is an own property of the target: esbuild's module interop copies own properties into the namespace.
module.exports = new Proxy(
  { l10n: { t } },
  {
    get(target, name) {
      if (name === '__esModule' || typeof name === 'symbol') return undefined;
      if (name === 'l10n') return target.l10n;
      throw new Error(`the bench has no VS Code: vscode.${String(name)} was used on the bulk path`);
    },
  },
);
