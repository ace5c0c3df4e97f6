-- One database per service (AqTrading.AppHost/AppHost.cs, databaseNames). The postgres image runs this once, on an
-- empty data directory; it is also safe to run again by hand (it creates only what is missing):
--   kubectl -n aq-trading-dev exec postgres-0 -- sh -c 'psql -U "$POSTGRES_USER" -d postgres -f /docker-entrypoint-initdb.d/create-databases.sql'
SELECT 'CREATE DATABASE portfoliodb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'portfoliodb')\gexec
SELECT 'CREATE DATABASE riskdb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'riskdb')\gexec
SELECT 'CREATE DATABASE ordersdb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ordersdb')\gexec
SELECT 'CREATE DATABASE marketdatadb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'marketdatadb')\gexec
SELECT 'CREATE DATABASE strategiesdb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'strategiesdb')\gexec
SELECT 'CREATE DATABASE backtestdb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'backtestdb')\gexec
SELECT 'CREATE DATABASE derivativesdb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'derivativesdb')\gexec
SELECT 'CREATE DATABASE reconciliationdb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'reconciliationdb')\gexec
SELECT 'CREATE DATABASE agentsdb' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'agentsdb')\gexec
