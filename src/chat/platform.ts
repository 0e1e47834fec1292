/** Where a person is talking to the bot. */
export type Platform = 'console' | 'slack' | 'teams';
