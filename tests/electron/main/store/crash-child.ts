// The process the crash test kills: saves books into the store at argv[2] as fast as it can and
// reports each save on stdout only after its transaction committed:
//   `C <id> <seq>` a new book committed, `B <id> <seq>` a replace begins, `R <id> <seq>` it committed.
// Run as `node --import tsx crash-child.ts <db> <firstSeq>` so a SIGKILL hits this very process.
import { openStore } from '../../../../electron/main/store/database'
import { createPortfolioRepository } from '../../../../electron/main/store/portfolio-repository'
import { crashDoc } from './crash-docs'

const [dbPath, first] = process.argv.slice(2)
const store = openStore(dbPath)
const repo = createPortfolioRepository(store.db)
const mine: string[] = []
let seq = Number(first)
const say = (line: string) => process.stdout.write(`${line}\n`) // a pipe: written synchronously on Linux
say('ready')
for (;;) {
  seq++
  if (mine.length > 0 && seq % 3 === 0) {
    const id = mine[seq % mine.length]
    say(`B ${id} ${seq}`)
    repo.replace(id, crashDoc(seq))
    say(`R ${id} ${seq}`)
  } else {
    const rec = repo.create(crashDoc(seq))
    mine.push(rec.id)
    say(`C ${rec.id} ${seq}`)
  }
}
