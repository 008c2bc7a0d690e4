-- Each subgraph owns a database of its own on the shared server.
CREATE DATABASE resources;
CREATE DATABASE referrals;
CREATE DATABASE peers;
CREATE DATABASE accounts;
-- Where the gateways count rate limits together (RATE_LIMIT_DATABASE_URL).
CREATE DATABASE ratelimits;
