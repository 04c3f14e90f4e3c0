/** The Element Plus tag colours; they follow light and dark through its palette. */
export type TagType = 'success' | 'danger' | 'primary' | 'warning' | 'info'
