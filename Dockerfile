# Netzwerkatlas Fachkräftesicherung: one app process per container (scale out with replicas behind a proxy
# with sticky sessions, see compose.yaml). Configuration only by environment and mounted secrets:
#   DATABASE_URL                      postgresql+psycopg://user:password@host:5432/netzwerkatlas
#   /run/secrets/netzwerkatlas.toml   editor accounts ([editors] name = "argon2 hash"; python -m geo.storage.auth)
#   NETZWERKATLAS_DATASET, NETZWERKATLAS_TILE_URL, NETZWERKATLAS_MAX_UPLOAD_MB (see README)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# pg_dump / pg_restore for `python -m geo.storage.backup` (the backup job runs this image too)
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-compile -r requirements.txt

COPY dashboard.py ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY geo geo
COPY pages pages
COPY ui ui
COPY data data
COPY static static
# Leaflet from the pinned Python package into static/ (served by the app itself; no CDN at run time)
# and the proxy's gzip -9 copies of the browser's scripts (compose.yaml: service assets writes them anew
# into the proxy's volume on every start; this folder gives that volume its owner)
RUN python -c "from geo.maps import assets; assets.ensure_leaflet()" \
    && python -m geo.maps.precompress /app/precompressed \
    && useradd --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin atlas \
    && chown -R atlas:atlas /app/static /app/precompressed

USER atlas
EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]
# no file watcher in production: the code never changes under a running container
CMD ["python", "-m", "streamlit", "run", "dashboard.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true", "--server.fileWatcherType=none", "--server.runOnSave=false", "--browser.gatherUsageStats=false", "--secrets.files=/run/secrets/netzwerkatlas.toml"]
