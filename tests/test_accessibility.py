"""The accessibility statement's facts: the feedback contact comes from configuration, never invented."""

from geo.handouts import accessibility


def test_feedback_contact_from_the_environment_first_then_secrets():
    secrets = {"barrierefreiheit": {"kontakt": "barrieren@example.org"}}
    env = {accessibility.FEEDBACK_EMAIL_ENV: " a11y@amt.example "}
    assert accessibility.feedback_email(secrets, env) == "a11y@amt.example"
    assert accessibility.feedback_email(secrets, {}) == "barrieren@example.org"


def test_no_configured_contact_is_reported_as_missing():
    assert accessibility.feedback_email({}, {}) is None
    assert accessibility.feedback_email({"barrierefreiheit": {"kontakt": "  "}}, {}) is None
    assert "NETZWERKATLAS_FEEDBACK_EMAIL" in accessibility.UNCONFIGURED
