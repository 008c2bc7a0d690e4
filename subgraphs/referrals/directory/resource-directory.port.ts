import { ServiceUnavailableError } from '../../kit/errors';

/** What referrals must know of a resource to accept a referral to it. */
export interface ReferableResource {
  id: string;
  name: string;
  /** HSDS service status: ACTIVE, TEMPORARILY_CLOSED, INACTIVE or DEFUNCT. */
  status: string;
  acceptsReferrals: boolean;
  organizationId: string;
  locationIds: string[];
}

/**
 * The directory of resources, owned by the resources subgraph. Referrals never reads its tables;
 * it asks through this port.
 */
export interface ResourceDirectory {
  /** The resource with this id, or null when there is none. */
  resource(id: string): Promise<ReferableResource | null>;
  /** Every category id of the taxonomy, to check a referral's needs. */
  categoryIds(): Promise<ReadonlySet<string>>;
}

/**
 * The directory could not be asked; the caller may retry, nothing was written. A kit error, so the
 * client is told to try again shortly instead of getting a masked internal error.
 */
export class DirectoryUnavailableError extends ServiceUnavailableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DirectoryUnavailableError';
  }
}
