/** The inbox, or one referral in it, keeping the rest of the address (`?lang`, `?org`). */
export const inboxHref = (referral?: string): string => {
  const query = new URLSearchParams(location.search);
  query.delete('referral');
  if (referral) query.set('referral', referral);
  const search = query.toString();
  return `/inbox${search ? `?${search}` : ''}`;
};
