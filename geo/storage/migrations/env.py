"""Alembic environment: uses the connection handed over by geo.storage.migrate.upgrade."""

from alembic import context

from geo.storage.schema import metadata

connection = context.config.attributes.get("connection")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
