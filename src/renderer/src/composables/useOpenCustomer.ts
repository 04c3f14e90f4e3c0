import { useRouter } from 'vue-router'
import { useCustomer360Timing } from './useCustomer360Timing'

/** Shows a customer's 360 view, starting its timing at the moment of the choice. */
export function useOpenCustomer(): (id: string) => void {
  const router = useRouter()
  const timing = useCustomer360Timing()
  return (id) => {
    timing.show()
    void router.push({ name: 'customer', params: { id } })
  }
}
