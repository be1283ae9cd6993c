// Builds the code-server workbench URL. The web workbench reads a `payload` query parameter (a JSON array of
// [key, value] pairs); extensionDevelopmentPath/extensionTestsPath in it must be URIs on the server's remote
// authority. The authority is read from the workbench page's own configuration (<meta
// id="vscode-workbench-web-configuration">) rather than assumed, so a code-server upgrade that renames it
// keeps working.
import * as path from 'node:path';

export interface WorkbenchUrlOptions {
  /** Folder to open (absolute path on the server machine). */
  folder: string;
  /** Extension folder loaded in development mode (no packaging, no install). */
  extensionDevelopmentPath?: string;
  /** Module whose run() the extension host calls; the workbench reports its outcome to codeAutomationExit. */
  extensionTestsPath?: string;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The remote authority the web workbench of this server uses for server-side files (code-server 4.100: `remote`). */
export async function readRemoteAuthority(serverUrl: string): Promise<string> {
  const res = await fetch(`${serverUrl}/`, { signal: AbortSignal.timeout(10_000) });
  const html = await res.text();
  const m = /<meta\s+id="vscode-workbench-web-configuration"\s+data-settings="([^"]*)"/.exec(html);
  if (!m) throw new Error(`${serverUrl}/ has no vscode-workbench-web-configuration meta tag (HTTP ${res.status})`);
  const config = JSON.parse(decodeEntities(m[1])) as { remoteAuthority?: string };
  if (!config.remoteAuthority) throw new Error('workbench configuration has no remoteAuthority');
  return config.remoteAuthority;
}

export function remoteUri(authority: string, absPath: string): string {
  if (!path.isAbsolute(absPath)) throw new Error(`not an absolute path: ${absPath}`);
  const encoded = absPath.split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://${authority}${encoded}`;
}

export async function workbenchUrl(serverUrl: string, o: WorkbenchUrlOptions): Promise<string> {
  const params = new URLSearchParams({ folder: o.folder });
  const payload: [string, string][] = [];
  if (o.extensionDevelopmentPath || o.extensionTestsPath) {
    const authority = await readRemoteAuthority(serverUrl);
    if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(authority, o.extensionDevelopmentPath)]);
    if (o.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(authority, o.extensionTestsPath)]);
  }
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${serverUrl}/?${params.toString()}`;
}
