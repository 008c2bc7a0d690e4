import { SignedIn } from '../account/signed-in';
import type { Route } from '../shared/router';
import { NewReferralScreen } from './new-referral-screen';
import { ReferralScreen, ReferralsScreen } from './referrals-screen';

const REFERRERS = ['DISCHARGE_PLANNER', 'PEER'] as const;

/** The Refer workspace (`/referrals...`), loaded only when someone opens it. */
export function ReferWorkspace({ route }: { route: Route }) {
  if (route.path === '/referrals/new')
    return (
      <SignedIn screen="newReferral" roles={REFERRERS}>
        {(me) => <NewReferralScreen resourceId={route.query.get('resource') ?? ''} me={me} />}
      </SignedIn>
    );
  const one = /^\/referrals\/([^/]+)$/.exec(route.path);
  if (one)
    return (
      <SignedIn screen="referrals">
        {(me) => <ReferralScreen id={decodeURIComponent(one[1])} me={me} />}
      </SignedIn>
    );
  return (
    <SignedIn screen="referrals" roles={REFERRERS}>
      {() => <ReferralsScreen />}
    </SignedIn>
  );
}
