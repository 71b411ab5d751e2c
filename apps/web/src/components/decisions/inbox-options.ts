// Shared by the inbox page and the nav badge so they use (and poll) the same cached query.
export const INBOX_LIMIT = 500;
export const INBOX_REFRESH_MS = 3_000;
