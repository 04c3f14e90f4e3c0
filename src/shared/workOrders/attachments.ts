import { z } from 'zod'

/** Largest attachment a work order accepts. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024

export const AttachmentType = z.enum(['image/png', 'image/jpeg', 'image/webp', 'application/pdf'])
export type AttachmentType = z.infer<typeof AttachmentType>

/** Upload: the bytes travel base64-encoded in JSON (the limit applies to the decoded bytes). */
export const UploadAttachmentRequest = z
  .object({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^/\\\0]+$/, 'a file name, not a path'),
    dataBase64: z
      .string()
      .min(1)
      .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 8, `at most ${MAX_ATTACHMENT_BYTES} bytes`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  })
  .strict()
export type UploadAttachmentRequest = z.infer<typeof UploadAttachmentRequest>

export const AttachmentInfo = z.object({
  id: z.string(),
  workOrderId: z.string(),
  fileName: z.string(),
  contentType: AttachmentType,
  size: z.number().int(),
  /** SHA-256 hex of the bytes: also the file's name on the server's disk */
  sha256: z.string(),
  uploadedAt: z.number(),
  uploadedBy: z.string(),
})
export type AttachmentInfo = z.infer<typeof AttachmentInfo>

export const AttachmentContent = AttachmentInfo.extend({ dataBase64: z.string() })
export type AttachmentContent = z.infer<typeof AttachmentContent>

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b)

/**
 * The type the bytes really are, from their magic numbers (the name and the sender's claim are
 * not trusted); null for anything not allowed.
 */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'
  return null
}
