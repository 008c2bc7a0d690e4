import type { Route } from '../shared/router';
import type { Me } from '../shared/session';

/** What a signed-in workspace screen is given: where it is, and who is signed in. */
export interface WorkspaceProps {
  route: Route;
  me: Me;
}
