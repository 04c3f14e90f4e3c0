import type { Role } from '../../shared/domain/roles'

/** The demo accounts printed by the start command and listed in the README. */
export const DEMO_PASSWORD = 'demo1234'

export interface DemoUser {
  id: string
  username: string
  displayName: string
  role: Role
  storeId: string | null
  skills: string[]
}

export const DEMO_USERS: DemoUser[] = [
  {
    id: 'u-agent01',
    username: 'agent01',
    displayName: '李娜',
    role: 'agent',
    storeId: null,
    skills: ['售后', '空调维修', '投诉'],
  },
  {
    id: 'u-agent02',
    username: 'agent02',
    displayName: '王磊',
    role: 'agent',
    storeId: null,
    skills: ['咨询', '退换货'],
  },
  {
    id: 'u-desk01',
    username: 'desk01',
    displayName: '陈静',
    role: 'frontdesk',
    storeId: 'st-01',
    skills: ['产品体验', '售后维修'],
  },
  {
    id: 'u-desk02',
    username: 'desk02',
    displayName: '赵敏',
    role: 'frontdesk',
    storeId: 'st-02',
    skills: ['咨询讲解'],
  },
  { id: 'u-super01', username: 'super01', displayName: '张伟', role: 'supervisor', storeId: null, skills: [] },
  { id: 'u-admin', username: 'admin', displayName: '系统管理员', role: 'admin', storeId: null, skills: [] },
]
