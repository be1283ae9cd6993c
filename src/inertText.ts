// Text that did not come from our own bundle — an error's Message, VOD application names, RAM user and role
// names, bucket names and Referers from listings, aliyun CLI profile names and problems read from config.json —
// shown as the words it is, never as a link, a command or an icon. No VS Code import.
//
// What VS Code (1.100, read in its source) makes of text handed to it:
// - notifications (messages and progress titles) and input boxes' prompts and validation messages:
//   `[label](https://…)`, `(command:…)` and `(file:…)` become links; a click opens the target or runs the command
//   (vs/base/common/linkedText.ts);
// - quick pick labels, descriptions and details, status bar text, input boxes' prompts: `$(name)` becomes an icon
//   (vs/base/browser/ui/iconLabel/iconLabels.ts); `\$(name)` is its escape, but surfaces that draw no icons would
//   show the backslash, so it cannot serve every surface;
// - MarkdownString tooltips: markdown, whose GFM rules can make a link of a bare https:// URL even in text added
//   with appendText. So tooltips with data are plain strings.
// Tree labels, descriptions and string tooltips, modal dialogs and the Output channel are plain text in 1.100;
// they get the same treatment, since it costs nothing visible and the engine range admits later versions.
//
// The neutralizing is a WORD JOINER (U+2060, invisible, no line break) between `$` or `]` and a `(` after it,
// so no `$(…)` or `[…](…)` can form; every word stays where it was. Applied to a whole shown string it is the
// same as applying it to the string's `{0}` arguments: no message of our bundle carries link or icon syntax
// (test/unit/l10n checks it), and our own icons (`$(sync~spin)`) are added after it.
//
// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) would let a name reorder the sentence it
// sits in — a confirmation could show another target than the one sent — so they are shown escaped (`\u202e`).

const WORD_JOINER = '\u2060';
/** The `$` of `$(icon)` and the `]` of `[label](target)`, when a `(` follows. */
const SYNTAX_BEFORE_PAREN = /([$\]])(?=\()/g;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
// C0 (newline, carriage return, tab, escape…), DEL, C1 (NEL…), the line and paragraph separators, and the bidi
// controls above.
// eslint-disable-next-line no-control-regex
const LOG_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\r`, `\t`, else `\u001b`-style: visible, greppable, and one line. */
function escaped(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text fit for any VS Code surface: no link, command or icon syntax survives, no bidi control reorders the rest.
 * Idempotent, so a string that passes two boundaries is not changed twice.
 */
export function inertText(text: string): string {
  return text.replace(SYNTAX_BEFORE_PAREN, `$1${WORD_JOINER}`).replace(BIDI_CONTROLS, escaped);
}

/** A quick pick item whose label, description and detail are data (our own words in them carry no syntax). */
export function inertItem<T extends { readonly label: string; readonly description?: string; readonly detail?: string }>(item: T): T {
  return {
    ...item,
    label: inertText(item.label),
    ...(item.description !== undefined ? { description: inertText(item.description) } : {}),
    ...(item.detail !== undefined ? { detail: inertText(item.detail) } : {}),
  };
}

/**
 * One log line: every control character escaped, so a name or message with a newline cannot start a forged line
 * and none can move a terminal's cursor or reorder the line. Idempotent.
 */
export function escapeControls(text: string): string {
  return text.replace(LOG_CONTROLS, escaped);
}

/** What a tree row shows, as vscode.TreeItem has it (structurally: this module has no VS Code import). */
interface RowText {
  label?: string | { label: string; highlights?: unknown };
  description?: string | boolean;
  tooltip?: string | object;
}

/**
 * A tree row whose label, description and string tooltip may carry data, made inert in place. A MarkdownString
 * tooltip is left alone: rows with data use plain-string tooltips.
 */
export function inertRow<T extends RowText>(item: T): T {
  // Highlights would point at shifted offsets; the views set none.
  if (typeof item.label === 'string') item.label = inertText(item.label);
  else if (item.label) item.label = { label: inertText(item.label.label) };
  if (typeof item.description === 'string') item.description = inertText(item.description);
  if (typeof item.tooltip === 'string') item.tooltip = inertText(item.tooltip);
  return item;
}
