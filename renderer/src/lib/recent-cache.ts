// Large results (a run's view, a study's record) kept for the few most recently opened, so
// switching back is instant while memory stays bounded. `order` is oldest first.
import { markRaw } from 'vue'

export function keepRecent<T extends object>(kept: Record<string, T>, order: string[], id: string, value: T, max: number): void {
  kept[id] = markRaw(value)
  const at = order.indexOf(id)
  if (at >= 0) order.splice(at, 1)
  order.push(id)
  while (order.length > max) delete kept[order.shift() as string]
}
