// Who owns a `running` row: the app instance that started it, tagged `<pid>:<token>`. A row whose
// owner is gone (quit or crashed mid-run) is interrupted, not running; the app and the CLI both judge it here.

/** Whether the process named by an owner tag (`<pid>:<token>`) still exists on this machine. */
export function isProcessAlive(owner: string | null): boolean {
  const pid = Number(owner?.split(':')[0])
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
