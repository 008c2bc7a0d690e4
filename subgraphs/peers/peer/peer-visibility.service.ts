import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../kit/errors';
import { hasRole, type Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import { assertVersion, flushOrConflict } from '../../kit/orm-errors';
import { assertCanEditPeer, assertSignedIn, canEditPeer } from '../access';
import type { WorkContactVisibility } from './peer.enums';
import { Peer, type PeerLivedExperience } from './peer.entity';
import type { PeerVisibilityInput } from './peer.inputs';
import {
  areaVisibility,
  readerOf,
  shownAreas,
  showsArea,
  visibilityForAreas,
  widens,
} from './peer-visibility';

/** Who sees a peer's lived experience and work contact: what is set, and setting it. */
export class PeerVisibilityService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  /**
   * Each area the caller may see with who the peer shows it to, for those who keep the profile
   * (the peer sees every area of theirs); null for anyone else.
   */
  livedExperienceSharing(peer: Peer): PeerLivedExperience[] | null {
    if (!canEditPeer(this.identity, peer)) return null;
    return shownAreas(readerOf(this.identity, peer), peer).map((area) => ({
      area,
      visibility: areaVisibility(peer, area),
    }));
  }

  /** Who sees the work contact, for those who keep the profile; null for anyone else. */
  workContactVisibility(peer: Peer): WorkContactVisibility | null {
    return canEditPeer(this.identity, peer) ? peer.workContactVisibility : null;
  }

  /**
   * Sets who sees each lived-experience area and the work contact. The peer decides; their
   * organization's partners and admins, who keep the profile too, may only show things to fewer
   * people, never to more.
   */
  async set(
    id: string | null | undefined,
    expectedVersion: number | null | undefined,
    input: PeerVisibilityInput,
  ): Promise<Peer> {
    assertSignedIn(this.identity);
    const targetId = id ?? (hasRole(this.identity, 'peer') ? this.identity.peer : null);
    if (targetId === null) throw new BadUserInputError('is required unless you are a peer', 'id');
    const peer = isUuid(targetId) ? await this.em.findOne(Peer, targetId) : null;
    if (!peer) throw new NotFoundError('Peer', targetId);
    assertCanEditPeer(this.identity, peer);
    assertVersion('This peer profile', peer.version, expectedVersion);
    const reader = readerOf(this.identity, peer);
    const next = visibilityForAreas(peer.livedExperience, peer.livedExperienceVisibility);
    for (const [i, { area, visibility }] of (input.livedExperience ?? []).entries()) {
      // An area the caller cannot see is answered like one the peer does not have.
      if (!peer.livedExperience.includes(area) || !showsArea(reader, peer, area)) {
        throw new BadUserInputError(
          "is not one of this peer's lived-experience areas",
          `input.livedExperience[${i}].area`,
        );
      }
      if (!reader.self && widens(areaVisibility(peer, area), visibility)) {
        throw new ForbiddenError('Only the peer may show a lived-experience area to more people.');
      }
      next[area] = visibility;
    }
    const contact = input.workContact;
    if (contact) {
      if (!reader.self && widens(peer.workContactVisibility, contact)) {
        throw new ForbiddenError('Only the peer may show their work contact to more people.');
      }
      peer.workContactVisibility = contact;
    }
    peer.livedExperienceVisibility = next;
    await flushOrConflict(this.em, 'This peer profile');
    return peer;
  }
}
