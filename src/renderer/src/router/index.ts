import { createRouter, createWebHashHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'
import WorkspaceLayout from '../layouts/WorkspaceLayout.vue'
import { useSessionStore } from '../stores/session'
import CustomersView from '../views/CustomersView.vue'
import CustomerView from '../views/CustomerView.vue'
import FrontDeskView from '../views/FrontDeskView.vue'
import KbArticleView from '../views/KbArticleView.vue'
import KbEditorView from '../views/KbEditorView.vue'
import KnowledgeBaseView from '../views/KnowledgeBaseView.vue'
import LoginView from '../views/LoginView.vue'
import MonitorView from '../views/MonitorView.vue'
import ServiceReportView from '../views/ServiceReportView.vue'
import SettingsView from '../views/SettingsView.vue'
import WorkbenchView from '../views/WorkbenchView.vue'
import WorkOrdersView from '../views/WorkOrdersView.vue'
import WorkOrderView from '../views/WorkOrderView.vue'
import type { WorkspacePage } from './pages'

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without a session */
    public?: boolean
    /** the navigation entry a sub-page belongs to */
    navParent?: string
  }
}

// Views are bundled with the entry (no lazy chunks): the app loads from disk, and one chunk keeps
// module order intact, so zod is switched to jitless before any schema is built.
const pages: Record<WorkspacePage, RouteComponent> = {
  workbench: WorkbenchView,
  customers: CustomersView,
  'work-orders': WorkOrdersView,
  kb: KnowledgeBaseView,
  'front-desk': FrontDeskView,
  monitor: MonitorView,
  settings: SettingsView,
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
  {
    path: '/',
    component: WorkspaceLayout,
    redirect: { name: 'workbench' },
    children: [
      ...Object.entries(pages).map(([name, component]) => ({ path: name, name, component })),
      // one customer's 360 view; the navigation shows it under 客户
      { path: 'customers/:id', name: 'customer', component: CustomerView, meta: { navParent: 'customers' } },
      // one work order: header, SLA clocks, activity, reply box and knowledge-base suggestions
      { path: 'work-orders/:id', name: 'work-order', component: WorkOrderView, meta: { navParent: 'work-orders' } },
      // the on-site service report of one work order: record, customer signature, printable page
      {
        path: 'work-orders/:id/report',
        name: 'work-order-report',
        component: ServiceReportView,
        meta: { navParent: 'work-orders' },
      },
      // the knowledge base: one article, and the editor (supervisor/admin) for a new or existing one
      { path: 'kb/new', name: 'kb-new', component: KbEditorView, meta: { navParent: 'kb' } },
      { path: 'kb/:id', name: 'kb-article', component: KbArticleView, meta: { navParent: 'kb' } },
      { path: 'kb/:id/edit', name: 'kb-edit', component: KbEditorView, meta: { navParent: 'kb' } },
    ],
  },
  { path: '/:unknown(.*)*', redirect: { name: 'workbench' } },
]

export const router = createRouter({ history: createWebHashHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSessionStore()
  await session.restore()
  if (!session.loggedIn && !to.meta.public) return { name: 'login' }
  if (session.loggedIn && to.meta.public) return { name: 'workbench' }
  return true
})
