import { z } from 'zod'

/** Who a user is at work; decides what the console shows and what the server allows. */
export const Role = z.enum(['agent', 'frontdesk', 'supervisor', 'admin'])
export type Role = z.infer<typeof Role>

/** Agent states shared with the server (S6). */
export const AgentState = z.enum(['ready', 'break', 'wrapup', 'busy', 'offline'])
export type AgentState = z.infer<typeof AgentState>

export const Locale = z.enum(['zh-CN', 'zh-TW', 'en'])
export type Locale = z.infer<typeof Locale>

export const Theme = z.enum(['light', 'dark'])
export type Theme = z.infer<typeof Theme>
