"""The published /openapi.json checks what DESIGN.md promises of the reports: every key the report
always writes is required (nullable where null is allowed), clause type ids are the taxonomy's
enum, and additive fields (allowed within schema version 1) do not make a report invalid."""

from __future__ import annotations

import copy
import csv
import json
from importlib import resources

import pytest

jsonschema_rs = pytest.importorskip("jsonschema_rs", reason="jsonschema_rs is not installed (comes with schemathesis)")

from api_fakes import AGREEMENT_TEXT  # noqa: E402

TSV = resources.files("coaltext").joinpath("conf", "clause_types.tsv").read_text(encoding="utf-8")
CLAUSE_TYPE_IDS = [row["id"] for row in csv.DictReader(TSV.splitlines(), delimiter="\t")]

GOALS = {"parties": {"Acme": ["Share lab results"], "Beta": ["Share lab results"]}}


@pytest.fixture
def spec(client) -> dict:
    return client.get("/openapi.json").json()


def validator(spec: dict, model: str):
    return jsonschema_rs.validator_for(
        {"$ref": f"#/components/schemas/{model}", "components": spec["components"],
         "$schema": "https://json-schema.org/draft/2020-12/schema"}
    )


@pytest.fixture
def agreement(client) -> dict:
    r = client.post("/v1/agreements", files={"file": ("a.txt", AGREEMENT_TEXT.encode())})
    assert r.status_code == 200, r.text
    return r.json()


def test_openapi_taxonomy_has_the_27_contract_ids():
    from coaltext.types import CLAUSE_TYPE_IDS as declared

    assert list(declared) == CLAUSE_TYPE_IDS
    assert len(CLAUSE_TYPE_IDS) == 27 == len(set(CLAUSE_TYPE_IDS))
    assert {"ip_ownership", "revenue_sharing", "arbitration", "antitrust_compliance"} <= set(CLAUSE_TYPE_IDS)


def test_openapi_report_schemas_accept_the_reports_the_service_sends(client, spec, agreement):
    assert validator(spec, "AgreementReport").is_valid(agreement)
    minutes = client.post("/v1/minutes", files={"file": ("m.md", b"Decisions\n- Acme will host the pilot.\n")}).json()
    assert validator(spec, "MinutesReport").is_valid(minutes)
    alignment = client.post("/v1/alignment", json=GOALS).json()
    assert validator(spec, "AlignmentReport").is_valid(alignment)


@pytest.mark.parametrize("key", ["schema", "source", "parties", "clauses", "coverage", "flags"])
def test_openapi_agreement_schema_rejects_a_report_missing_a_contract_key(spec, agreement, key):
    broken = {k: v for k, v in agreement.items() if k != key}
    assert not validator(spec, "AgreementReport").is_valid(broken)


@pytest.mark.parametrize(
    "model,key",
    [("Source", "pages"), ("Clause", "number"), ("Clause", "heading"), ("Clause", "parent"),
     ("Clause", "page_start"), ("Clause", "page_end"), ("Clause", "types"), ("Party", "role")],
)
def test_openapi_nullable_contract_keys_are_required_and_may_be_null(spec, agreement, model, key):
    item = {"Source": agreement["source"], "Clause": agreement["clauses"][0],
            "Party": {"name": "Acme", "role": None, "alias": None, "start": None, "end": None, "groups": []}}[model]
    v = validator(spec, model)
    assert v.is_valid(item)
    assert not v.is_valid({k: x for k, x in item.items() if k != key})
    if key != "types":
        assert v.is_valid({**item, key: None})


def test_openapi_clause_type_ids_are_the_taxonomy_enum(spec, agreement):
    v = validator(spec, "AgreementReport")
    bad = copy.deepcopy(agreement)
    bad["coverage"]["items"][0]["type"] = "not_a_taxonomy_id"
    assert not v.is_valid(bad)
    bad = copy.deepcopy(agreement)
    bad["clauses"][0]["types"] = [{"type": "not_a_taxonomy_id", "score": 0.5, "explanation": []}]
    assert not v.is_valid(bad)
    schemas = spec["components"]["schemas"]
    for model in ("TypeScore", "CoverageItem"):
        assert schemas[model]["properties"]["type"]["enum"] == list(CLAUSE_TYPE_IDS)


def test_openapi_report_schemas_accept_additive_fields(spec, agreement):
    extended = json.loads(json.dumps(agreement))
    extended["a_field_added_later"] = {"any": "thing"}
    extended["source"]["encoding"] = "utf-8"
    extended["clauses"][0]["confidence"] = 0.9
    extended["coverage"]["items"][0]["note"] = "additive"
    assert validator(spec, "AgreementReport").is_valid(extended)


def test_openapi_request_body_stays_strict(spec):
    body = spec["paths"]["/v1/alignment"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body.get("additionalProperties") is False
