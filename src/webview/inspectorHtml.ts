// The inspector's page: a strict Content Security Policy and static markup the bundled script brings to life.
// No VS Code import (the panel passes the URIs as strings and the words as an InspectorText table), so the policy
// is unit-tested. The table is also embedded for the script (`data-text` on <body>): one source for every word.
//
// No 'unsafe-inline' anywhere: vscode-elements styles its shadow roots with constructable stylesheets
// (adoptedStyleSheets), which style-src does not govern, and sets dynamic sizes through the CSSOM, which CSP
// allows; our own styles come from a file. No inline handlers: the script attaches every listener.

import type { InspectorText } from './inspectorText';

export interface InspectorPageInput {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** Fresh per render; only the script carrying it runs. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Every word on the page, in the display language. */
  readonly text: InspectorText;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function inspectorHtml(input: InspectorPageInput): string {
  const csp = contentSecurityPolicy(input.cspSource, input.nonce);
  const t = input.text;
  return `<!DOCTYPE html>
<html lang="${attr(t.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attr(input.styleUri)}">
  <title>${attr(t.title)}</title>
</head>
<body data-text="${attr(JSON.stringify(t))}">
  <main class="inspector">
    <div class="toolbar" role="search">
      <vscode-textfield id="filter" placeholder="${attr(t.filterPlaceholder)}" aria-label="${attr(t.filterLabel)}"></vscode-textfield>
      <vscode-single-select id="outcome" aria-label="${attr(t.outcomeLabel)}">
        <vscode-option value="all">${attr(t.outcomeAll)}</vscode-option>
        <vscode-option value="succeeded">${attr(t.outcomeSucceeded)}</vscode-option>
        <vscode-option value="failed">${attr(t.outcomeFailed)}</vscode-option>
        <vscode-option value="cancelled">${attr(t.outcomeCancelled)}</vscode-option>
        <vscode-option value="unknown">${attr(t.outcomeUnknown)}</vscode-option>
      </vscode-single-select>
      <vscode-button id="export" secondary>${attr(t.exportJson)}</vscode-button>
      <span id="count" class="count" role="status"></span>
    </div>
    <vscode-table id="requests" zebra bordered-rows resizable>
      <vscode-table-header slot="header" id="requests-header"></vscode-table-header>
      <vscode-table-body slot="body" id="requests-body"></vscode-table-body>
    </vscode-table>
    <vscode-button id="more" secondary hidden>${attr(t.showMore)}</vscode-button>
    <p id="empty" class="empty" hidden>${attr(t.empty)}</p>
    <section id="detail" class="detail" aria-label="${attr(t.selectedRequest)}" tabindex="-1">
      <div class="detail-actions">
        <vscode-button id="copy-request-id" disabled>${attr(t.copyRequestId)}</vscode-button>
        <vscode-button id="undo" secondary disabled>${attr(t.undo)}</vscode-button>
        <vscode-button id="look-up-trail" secondary disabled>${attr(t.lookUpTrail)}</vscode-button>
      </div>
      <p id="detail-placeholder" class="placeholder">${attr(t.detailPlaceholder)}</p>
      <p id="detail-undone" class="undone" role="note" hidden></p>
      <p class="troubleshoot"><a id="troubleshoot" href="#" hidden>${attr(t.troubleshoot)}</a></p>
      <dl id="detail-fields" class="fields"></dl>
      <h3 id="detail-response-title" class="response-title" hidden></h3>
      <pre id="detail-response" class="response" hidden></pre>
      <section id="detail-trail" class="trail" aria-live="polite" hidden>
        <h3 class="response-title">${attr(t.trailTitle)}</h3>
        <p id="trail-note" class="placeholder"></p>
        <dl id="trail-fields" class="fields"></dl>
      </section>
    </section>
  </main>
  <script nonce="${attr(input.nonce)}" src="${attr(input.scriptUri)}"></script>
</body>
</html>`;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
