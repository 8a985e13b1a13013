// Every migration, in order. Add new steps at the end; never edit a released one.
import type { Migration } from '../migration'
import { migration as m0001 } from './0001-portfolios'
import { migration as m0002 } from './0002-scenarios-and-runs'
import { migration as m0003 } from './0003-venue-profiles'
import { migration as m0004 } from './0004-run-owner'
import { migration as m0005 } from './0005-quarantine'
import { migration as m0006 } from './0006-studies'

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006]
export const LATEST_VERSION = MIGRATIONS.length
