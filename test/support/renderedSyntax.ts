// What VS Code reads as a link or an icon in text it is given, written down for the tests from its source (1.100):
// notifications and input-box messages make a link of `[label](target)` when the target starts with `https://`,
// `http://`, `command:` or `file:`; quick picks, the status bar and input-box messages draw `$(name)` or
// `$(name~modifier)` as an icon. The extension does not use these: they are the tests' oracle of what a hostile
// string must no longer contain once shown.

const LINK = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+/i;
const ICON = /\$\([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:~[A-Za-z]+)?\)/;

/** The link or icon syntax VS Code would act on in `text`, or undefined when it would show it all as words. */
export function renderedSyntax(text: string): string | undefined {
  return LINK.exec(text)?.[0] ?? ICON.exec(text)?.[0];
}

/** The text as a person reads it: zero-width characters are not seen. */
export function asRead(text: string): string {
  return text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
}
