"""The database: the store of records (``store``), its schema and Alembic migrations (``schema``,
``migrate``, ``migrations/``), backups, the shipped data sets a fresh database starts with
(``datasets``), editor accounts and login throttling (``auth``, ``ratelimit``) and incidents.

``store`` never migrates: start-up (``ui.data``) or ``python -m geo.storage.migrate`` does.
May import: ``geo.intake`` (seeding reads the shipped file like an upload), ``geo.regions``,
``geo.records``, ``geo.text`` — never figures or maps.
"""
