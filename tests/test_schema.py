from importlib import resources
from pathlib import Path

from summarizer.schema import SCHEMAS, bundled_schema, check_schemas, render

REPO_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_checked_in_schemas_match_the_models():
    assert check_schemas(REPO_SCHEMAS) == [], (
        "run `summarizer schema --write --dir schemas` and commit schemas/"
    )


def test_schemas_ship_inside_the_installed_package():
    for name, model in SCHEMAS.items():
        assert bundled_schema(name) == model.model_json_schema()


def test_drift_is_detected(tmp_path):
    for name, model in SCHEMAS.items():
        (tmp_path / name).write_text(render(model).replace('"title"', '"renamed"', 1))
    assert sorted(check_schemas(tmp_path)) == sorted(SCHEMAS)


def test_contract_field_names_are_present():
    summary = SCHEMAS["article_summary.schema.json"].model_json_schema()
    assert {"schema_version", "title", "published", "language", "relevant", "locality", "difficulties",
            "solutions", "numeric_results", "summary_vi", "summary_en"} <= set(summary["properties"])  # fmt: skip
    record = SCHEMAS["batch_record.schema.json"].model_json_schema()
    assert {"source", "status", "engine", "summary", "error", "usage"} <= set(record["properties"])


def test_prompts_package_is_installed():
    assert resources.files("summarizer.prompts").is_dir()
