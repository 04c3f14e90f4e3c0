import type { Kysely, Migration } from 'kysely'
import { maskPhone, normalizePhone } from '../../../shared/domain/phone'
import type { PiiCipher } from '../../privacy/piiCipher'

const BATCH = 2000

/** The customers table as this migration finds it. */
interface Before {
  customers: {
    id: string
    phone: string
    phone_enc: string | null
    phone_hash: string | null
    phone_masked: string | null
  }
}

/**
 * Phones move out of plaintext: an AES-GCM ciphertext for reveal and dialling, a keyed hash for
 * exact lookup, and the masked form the screen shows. Existing rows are converted in batches.
 * Addresses get an encrypted column too.
 */
export function encryptCustomerPii(pii: PiiCipher): Migration {
  return {
    async up(schemaDb: Kysely<unknown>): Promise<void> {
      const db = schemaDb as Kysely<Before>
      await db.schema.alterTable('customers').addColumn('phone_enc', 'text').execute()
      await db.schema.alterTable('customers').addColumn('phone_hash', 'varchar(64)').execute()
      await db.schema.alterTable('customers').addColumn('phone_masked', 'varchar(24)').execute()
      await db.schema.alterTable('customers').addColumn('address_enc', 'text').execute()
      let after = ''
      for (;;) {
        const rows = await db
          .selectFrom('customers')
          .select(['id', 'phone'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(BATCH)
          .execute()
        if (rows.length === 0) break
        await db.transaction().execute(async (trx) => {
          for (const r of rows) {
            const national = normalizePhone(r.phone) ?? r.phone
            await trx
              .updateTable('customers')
              .set({
                phone_enc: pii.encrypt(national),
                phone_hash: pii.lookupHash(national),
                phone_masked: maskPhone(national),
              })
              .where('id', '=', r.id)
              .execute()
          }
        })
        after = rows.at(-1)!.id
      }
      await db.schema.dropIndex('customers_phone').execute()
      await db.schema.alterTable('customers').dropColumn('phone').execute()
      await db.schema.createIndex('customers_phone_hash').on('customers').column('phone_hash').execute()
      await db.schema.createIndex('customers_name').on('customers').column('name').execute()
    },
    async down(): Promise<void> {
      throw new Error('decrypting personal data back into plaintext is not supported')
    },
  }
}
