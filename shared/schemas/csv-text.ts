// CSV text as venues and spreadsheets write it: a byte-order mark, CRLF or LF, comma (or, from a
// spreadsheet in a comma-decimal locale, semicolon or tab) separators, quoted cells with doubled
// quotes and separators inside ("1,000" from an export that groups thousands).

export interface CsvLine {
  /** 1-based line of the file. */
  line: number
  cells: string[]
}

/** The separator of a file: the first of `,`, `;`, tab that the header line uses outside quotes. */
function separatorOf(header: string): string {
  for (const sep of [',', ';', '\t']) {
    let quoted = false
    for (const c of header) {
      if (c === '"') quoted = !quoted
      else if (c === sep && !quoted) return sep
    }
  }
  return ','
}

function splitLine(line: string, sep: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cell += '"'
        i++
      } else quoted = !quoted
    } else if (c === sep && !quoted) {
      cells.push(cell.trim())
      cell = ''
    } else cell += c
  }
  cells.push(cell.trim())
  return cells
}

/** The header's cells and every non-blank line below it, with its file line number. */
export function readCsv(text: string): { header: string[]; rows: CsvLine[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const sep = separatorOf(lines[0] ?? '')
  const header = splitLine(lines[0] ?? '', sep)
  const rows: CsvLine[] = []
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() !== '') rows.push({ line: i + 2, cells: splitLine(raw, sep) })
  })
  return { header, rows }
}
