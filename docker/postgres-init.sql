-- Each subgraph owns a database of its own on the shared server.
CREATE DATABASE resources;
CREATE DATABASE referrals;
CREATE DATABASE peers;
