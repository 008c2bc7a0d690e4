import { useEffect, useState } from 'preact/hooks';
import { ApiError, graphql, request, type ResultOf, type VariablesOf } from '../shared/graphql';
import { describeDistance, describeLanguages } from '../shared/format';
import { useI18n, type I18n } from '../shared/i18n';

const MATCH_PEERS = graphql(`
  query ReferMatchPeers($input: MatchPeersInput!) {
    matchPeers(input: $input) {
      peer {
        id
        displayName
        pronouns
      }
      factors {
        kind
        reason
        languages
        livedExperience
        specialization
        pronouns
        distanceKm
        county
        openPlaces
        caseloadCapacity
        availability
      }
      openPlaces
    }
  }
`);

const ASSIGN_PEER = graphql(`
  mutation ReferAssignPeer($referralId: ID!, $peerId: ID, $expectedVersion: Int) {
    assignPeer(referralId: $referralId, peerId: $peerId, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`);

type Match = ResultOf<typeof MATCH_PEERS>['matchPeers'][number];
type MatchInput = VariablesOf<typeof MATCH_PEERS>['input'];

type Factor = Match['factors'][number];

/** A factor's reason in the reader's language, from the facts the API gives with it. */
function reasonOf(factor: Factor, { lang, t }: I18n): string {
  return t('referPeerReason', {
    kind: factor.kind,
    reason: factor.reason,
    languages: describeLanguages(factor.languages ?? [], lang),
    area: factor.livedExperience ?? 'HIDDEN',
    specialization: factor.specialization ?? 'OTHER',
    pronouns: factor.pronouns ?? '',
    distance: describeDistance(factor.distanceKm ?? 0, lang),
    county: factor.county ?? '',
    open: factor.openPlaces ?? 0,
    capacity: factor.caseloadCapacity ?? 0,
    availability: factor.availability ?? 'UNAVAILABLE',
  });
}

/** What a referral tells about the peer who would fit: the person's language, the place, the setting. */
export interface PeerNeeds {
  language?: string | null;
  near?: { latitude: number; longitude: number } | null;
  setting: string;
}

export function matchInput({ language, near, setting }: PeerNeeds): MatchInput {
  return {
    first: 5,
    ...(language ? { languages: [language] } : {}),
    ...(near ? { near } : {}),
    // Leaving jail or prison: a peer who has been there too.
    ...(setting === 'JAIL' || setting === 'PRISON'
      ? { livedExperience: ['JUSTICE_INVOLVEMENT' as const] }
      : {}),
  };
}

/**
 * `matchPeers` for a referral: the best-fitting peers with the API's reasons for each, and a button
 * to assign one (with the referral's version, so a change made meanwhile is not overwritten).
 */
export function SuggestedPeers({
  referral,
  needs,
  assignedPeerId,
  onAssigned,
}: {
  referral: { id: string; version: number };
  needs: PeerNeeds;
  assignedPeerId: string | null;
  onAssigned: (conflict: boolean) => Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [matches, setMatches] = useState<Match[] | 'failed' | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    request(MATCH_PEERS, { input: matchInput(needs) }, abort.signal).then(
      ({ matchPeers }) => setMatches(matchPeers),
      () => !abort.signal.aborted && setMatches('failed'),
    );
    return () => abort.abort();
  }, [referral.id]);

  const assign = async (match: Match) => {
    setBusy(true);
    setProblem(null);
    try {
      await request(ASSIGN_PEER, {
        referralId: referral.id,
        peerId: match.peer.id,
        expectedVersion: referral.version,
      });
      await onAssigned(false);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        setProblem(t('referPeerConflict'));
        await onAssigned(true);
      } else
        setProblem(
          error instanceof ApiError
            ? t('referRefused', { code: error.code, message: error.message })
            : t('referLoadFailed'),
        );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="peers-heading">
      <h2 id="peers-heading">{t('referPeersHeading')}</h2>
      {matches === null && <p role="status">{t('loading')}</p>}
      {matches === 'failed' && <p role="alert">{t('referLoadFailed')}</p>}
      {Array.isArray(matches) && matches.length === 0 && <p>{t('referPeersNone')}</p>}
      {problem && (
        <p role="alert" class="form-error">
          {problem}
        </p>
      )}
      {Array.isArray(matches) && matches.length > 0 && (
        <ul class="result-list">
          {matches.map((match) => {
            const assigned = match.peer.id === assignedPeerId;
            return (
              <li class="result" key={match.peer.id}>
                <h3>
                  {match.peer.displayName}
                  {match.peer.pronouns && <span class="hint"> ({match.peer.pronouns})</span>}
                </h3>
                <p class="hint">{t('referPeerWhy')}</p>
                <ul class="reasons">
                  {match.factors.map((factor) => (
                    <li key={factor.kind}>
                      {t('referPeerFactor', { kind: factor.kind })}
                      {': '}
                      {reasonOf(factor, i18n)}
                    </li>
                  ))}
                </ul>
                {assigned ? (
                  <p class="done">{t('referPeerAssigned')}</p>
                ) : (
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy}
                    onClick={() => void assign(match)}
                  >
                    {t('referAssignPeer', { name: match.peer.displayName })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
