/** The Payload preference holding a person's chosen admin language; it follows them to any browser. */
export const ADMIN_LANGUAGE_PREFERENCE = 'adminLanguage'
