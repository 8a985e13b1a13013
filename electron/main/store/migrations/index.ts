// Every migration, in order. Add new steps at the end; never edit a released one.
import type { Migration } from '../migration'
import { migration as m0001 } from './0001-portfolios'
import { migration as m0002 } from './0002-scenarios-and-runs'

export const MIGRATIONS: readonly Migration[] = [m0001, m0002]
export const LATEST_VERSION = MIGRATIONS.length
