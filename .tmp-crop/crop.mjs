// crop with playwright: render image in a page and screenshot a clip
import { chromium } from '@playwright/test'
const [,, src, x, y, w, h, out, scale='3'] = process.argv
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
const p = await b.newPage({ deviceScaleFactor: Number(scale) })
const fs = await import('node:fs')
const data = fs.readFileSync(src).toString('base64')
await p.setContent(`<body style="margin:0"><img src="data:image/png;base64,${data}"></body>`)
await p.screenshot({ path: out, clip: { x: +x, y: +y, width: +w, height: +h } })
await b.close()
