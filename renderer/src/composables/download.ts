// Saves text the main process produced (an export) as a file, the way a web page does: a Blob
// behind an `<a download>`. No file paths cross into the renderer.
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }))
}

/** Saves bytes (a store backup) as a file. */
export function downloadBytes(fileName: string, bytes: Uint8Array, type = 'application/vnd.sqlite3'): void {
  downloadBlob(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }))
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  // The click starts the download synchronously; free the blob once it has been handed over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The MIME type for an exported file name. */
export function mimeFor(fileName: string): string {
  return fileName.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/json'
}
