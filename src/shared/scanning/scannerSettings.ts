import { z } from 'zod'
import { FrameSuffix } from './frameSplitter'

export const BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const

/** The seat's scanner set-up: the serial (USB-CDC) scanner, and the keyboard-wedge prefix. */
export const ScannerSettings = z
  .object({
    /** '' : no serial scanner */
    serialPath: z
      .string()
      .trim()
      .max(256)
      .regex(/^[^\p{Cc}]*$/u),
    baudRate: z.union(BAUD_RATES.map((rate) => z.literal(rate))),
    suffix: FrameSuffix,
    /** recognise keyboard-wedge scans by their timing */
    wedgeEnabled: z.boolean(),
    /** characters a wedge scanner is set to send before every code */
    wedgePrefix: z
      .string()
      .max(8)
      .regex(/^[\x21-\x7e]*$/, 'printable ASCII only'),
  })
  .strict()
export type ScannerSettings = z.infer<typeof ScannerSettings>

export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = {
  serialPath: '',
  baudRate: 9600,
  suffix: 'auto',
  wedgeEnabled: true,
  wedgePrefix: '',
}

export const ScannerState = z.enum(['off', 'connected', 'disconnected'])
export type ScannerState = z.infer<typeof ScannerState>

export const ScannerStatus = z.object({
  state: ScannerState,
  path: z.string(),
  /** why the port is not open, or the last dropped frame */
  lastError: z.string().nullable(),
})
export type ScannerStatus = z.infer<typeof ScannerStatus>

export const SerialPortInfo = z.object({ path: z.string(), label: z.string() })
export type SerialPortInfo = z.infer<typeof SerialPortInfo>
