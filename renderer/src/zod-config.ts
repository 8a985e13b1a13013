// Must be the renderer's first import: zod 4 decides at schema construction whether to compile
// parsers with `new Function`. Our CSP has no 'unsafe-eval', so tell it never to try (the
// probe alone would be reported as a CSP violation).
import { z } from 'zod'

z.config({ jitless: true })
