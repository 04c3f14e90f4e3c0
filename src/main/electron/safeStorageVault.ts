import { safeStorage } from 'electron'
import { FileTokenVault } from '../services/tokenVault'

/**
 * Refresh token encrypted with Electron safeStorage (OS keychain). On a Linux desktop without a
 * keyring Electron falls back to a fixed key ('basic_text'); the app reports that honestly.
 */
export function createSafeStorageVault(dataDir: string): FileTokenVault {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
  const kind = backend === 'basic_text' || !safeStorage.isEncryptionAvailable() ? 'basic-text' : 'os-keychain'
  return new FileTokenVault(dataDir, kind, {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  })
}
