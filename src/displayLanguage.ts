// What `@vscode/l10n` is inside the extension's bundles (esbuild.js aliases the package to this file).
//
// Code below the VS Code adapters (the cloud core, settings, credentials, tree rows, log lines) is written against
// `@vscode/l10n`, so it also runs in plain Node (unit tests, the bench), where its strings stay English. In the extension
// host the same calls are answered by `vscode.l10n.t`, which already holds the display language's bundle: one
// translation system and one bundle (`npm run l10n` extracts both kinds of call into l10n/bundle.l10n.json), no
// configuration step at activation, no state to share between the lazily loaded bundles, and no copy of the
// package shipped.

import * as vscode from 'vscode';
import type * as l10n from '@vscode/l10n';

export const t: typeof l10n.t = (...args: unknown[]) => (vscode.l10n.t as (...a: unknown[]) => string)(...args);
