import { Calendar, ChatDotRound, PhoneFilled, Shop, ShoppingCart, Star, Ticket, Tickets } from '@element-plus/icons-vue'
import type { Component } from 'vue'
import { Channel, TimelineKind } from '../../../shared/domain/timeline'
import type { TagType } from './tags'

/** Filter chips in this order: contacts first, then business events. */
export const TIMELINE_KINDS: readonly TimelineKind[] = TimelineKind.options
export const CHANNELS: readonly Channel[] = Channel.options

export const KIND_STYLE: Record<TimelineKind, { type: TagType; icon: Component }> = {
  call: { type: 'primary', icon: PhoneFilled },
  chat: { type: 'primary', icon: ChatDotRound },
  visit: { type: 'success', icon: Shop },
  appointment: { type: 'success', icon: Calendar },
  work_order: { type: 'warning', icon: Tickets },
  purchase: { type: 'danger', icon: ShoppingCart },
  survey: { type: 'info', icon: Star },
  coupon: { type: 'info', icon: Ticket },
}
