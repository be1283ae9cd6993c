// The words the extension put on the page (inspectorHtml.ts embeds them as <body data-text>), in the display
// language: the script says nothing of its own.

import type { InspectorText } from '../inspectorText';

let text: InspectorText | undefined;

export function pageText(): InspectorText {
  if (!text) {
    const raw = document.body.dataset.text;
    if (!raw) {
      throw new Error('inspector markup lacks its words (body data-text)');
    }
    text = JSON.parse(raw) as InspectorText;
  }
  return text;
}
