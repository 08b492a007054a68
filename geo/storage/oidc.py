"""Organisation accounts (OIDC, e.g. a Land's Keycloak): whether an ID token's claims carry the editor role.

Streamlit's ``st.login`` does the OpenID Connect flow and hands the app the ID token's claims
(``st.user``); this module only decides, from those claims, whether the account is an editor and under
which name it appears in the change log. Which claim and which value count are settings
(``NETZWERKATLAS_OIDC_ROLE_CLAIM``, ``NETZWERKATLAS_OIDC_EDITOR_ROLE``), so a Land can use the role
names of its own directory.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

#: Claims that name a person, best first: the change log shows the first one the token has.
NAME_CLAIMS = ("email", "preferred_username", "sub")
_SEPARATORS = re.compile(r"[\s,]+")
#: The change log's column for the editor holds 200 characters (``geo.storage.schema``).
MAX_NAME = 200


def claim_value(claims: Mapping[str, Any], claim: str) -> Any:
    """The value of ``claim``; a dotted name reads nested objects (Keycloak: ``realm_access.roles``).

    A key that itself contains the dots wins (Keycloak mappers may name a claim ``a.b`` literally).
    None when the claim is missing.
    """
    if claim in claims:
        return claims[claim]
    value: Any = claims
    for part in claim.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def has_role(claims: Mapping[str, Any], claim: str, role: str) -> bool:
    """Whether the claim holds ``role``: a list containing it, or a text that is it.

    A text may list several roles separated by spaces or commas (as ``scope`` does); each is compared
    whole, so ``netzwerkatlas-redaktion-lesen`` is not ``netzwerkatlas-redaktion``. Case counts. A
    missing claim, an empty role, or any other type (a number, an object) is no role.
    """
    if not role:
        return False
    value = claim_value(claims, claim)
    if isinstance(value, str):
        return role in _SEPARATORS.split(value.strip())
    if isinstance(value, list | tuple):
        return any(isinstance(item, str) and item == role for item in value)
    return False


def editor_name(claims: Mapping[str, Any]) -> str | None:
    """The name an organisation account has in the change log: its e-mail, else user name, else subject."""
    for claim in NAME_CLAIMS:
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()[:MAX_NAME]
    return None
