// VS Code's proxy settings, read for the cloud core, which plans from them (src/cloud/proxyPlan.ts says what each
// mode means).
// Only user settings count: a workspace's settings file must not be able to send the user's calls through a proxy
// of its choosing, or around the user's proxy with a no-proxy list. Loaded with the cloud clients, not at start-up.

import * as vscode from 'vscode';
import type { ProxySettings } from '../cloud/proxyPlan';

function userValue<T>(section: vscode.WorkspaceConfiguration, key: string, is: (value: unknown) => value is T): T | undefined {
  const value = section.inspect(key)?.globalValue;
  return is(value) ? value : undefined;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    support: userValue(http, 'proxySupport', isString) ?? 'override',
    proxy: userValue(http, 'proxy', isString) ?? '',
    noProxy: userValue(http, 'noProxy', isStrings) ?? [],
    authorization: userValue(http, 'proxyAuthorization', isString) || undefined,
    env: process.env,
  };
}

/**
 * Gives the loaded clients the settings now and again whenever an `http.*` setting changes; `report` hears which
 * way calls go each time that changes (the log says it once, not per call).
 */
export function followProxySettings(use: (settings: ProxySettings) => string | undefined, report: (text: string) => void): vscode.Disposable {
  const apply = () => {
    const changed = use(readProxySettings());
    if (changed !== undefined) report(changed);
  };
  apply();
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('http')) apply();
  });
}
