"""Property-based requests generated from the app's own OpenAPI schema (schemathesis): no 5xx,
and every response conforms to the documented status codes, content types and schemas."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install schemathesis)")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import positive_data_acceptance  # noqa: E402

from api import Settings, create_app  # noqa: E402
from api_fakes import FakeLibrary  # noqa: E402

TOKEN = "schemathesis-token-0123456789"
# With a token configured, the documented bearer scheme is enforced, so the auth checks apply too.
app = create_app(Settings(warm_up=False, max_upload_mb=1, token=TOKEN).checked(), library=FakeLibrary())
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_schema_fuzzing_finds_no_server_error(case):
    # positive_data_acceptance is left out: any bytes match the schema's `format: binary`, yet a
    # PNG or random bytes are rightly refused with 415/422 (the document, not the request, is bad).
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=[positive_data_acceptance],
    )


# The same run against the real pipeline (models load on the first request): generated files
# and goal lists must never make the real analysis fail with a 5xx either.
real_app = create_app(Settings(warm_up=False, max_upload_mb=1, token=TOKEN).checked())
real_schema = schemathesis.openapi.from_asgi("/openapi.json", real_app)


@real_schema.include(method="POST").parametrize()
@settings(max_examples=8, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_api_schema_fuzzing_of_the_real_pipeline_finds_no_server_error(case):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=[positive_data_acceptance],
        timeout=180,  # the first request loads the models
    )
