// The status-bar wording of a long run: `Detaching 312/1,000`. No VS Code, so it is unit-tested.

/** `detaching…` (a mutation's busy word) → `Detaching`. */
export function progressTitle(busyWord: string): string {
  const word = busyWord.replace(/[….]+$/u, '').trim();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `Detaching 312/1,000`: counts with thousands separators, done never above total. */
export function progressText(title: string, done: number, total: number): string {
  const format = (n: number) => Math.max(0, Math.floor(n)).toLocaleString('en-US');
  return `${title} ${format(Math.min(done, total))}/${format(total)}`;
}
