import { Calendar, Collection, DataLine, Odometer, Setting, Tickets, User } from '@element-plus/icons-vue'
import type { Component } from 'vue'

/** The workspace pages in navigation order; each name is also its route name and path. */
export const WORKSPACE_PAGES = [
  { name: 'workbench', icon: Odometer },
  { name: 'customers', icon: User },
  { name: 'work-orders', icon: Tickets },
  { name: 'kb', icon: Collection },
  { name: 'front-desk', icon: Calendar },
  { name: 'monitor', icon: DataLine },
  { name: 'settings', icon: Setting },
] as const satisfies ReadonlyArray<{ name: string; icon: Component }>

export type WorkspacePage = (typeof WORKSPACE_PAGES)[number]['name']
