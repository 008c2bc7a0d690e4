/** The screens that need an account: SignedIn names them in its headings and sign-in prompt. */
export type PlaceholderKind = 'saved' | 'referrals' | 'newReferral' | 'inbox' | 'org' | 'signIn';
