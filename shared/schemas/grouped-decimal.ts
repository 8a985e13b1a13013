// Figures as traders type and venues export them: "1,000", "9,000,000.5", full-width "１，０００"
// from a Japanese or Chinese input method. The editor's cells and the CSV import read them through
// here; the JSON formats keep plain digits (docs/FORMATS.md §1.2, §2.4). Exact: the text is
// rewritten, never parsed to a float. A comma that is not a thousands separator ("1,00",
// "1.000,5") is left as it is, so the validator refuses it with its path instead of guessing.

/** Digits in groups of three separated by commas, an optional fraction, an optional leading minus. */
const GROUPED = /^(-?)([0-9]{1,3}(?:,[0-9]{3})+)(\.[0-9]+)?$/

/** Full-width digits, comma, point and minus (an IME's) as their ASCII forms; surrounding space trimmed. */
export function asciiFigure(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2212\uFF0D]/g, '-')
    .trim()
}

/** "1,234,567.5" -> "1234567.5"; any other text is returned unchanged (after `asciiFigure`). */
export function ungroupDecimal(text: string): string {
  const t = asciiFigure(text)
  const m = GROUPED.exec(t)
  return m ? `${m[1]}${m[2].replace(/,/g, '')}${m[3] ?? ''}` : t
}
