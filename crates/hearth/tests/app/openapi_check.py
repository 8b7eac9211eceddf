# Validates real API responses against the OpenAPI document that served them, with the
# jsonschema package (installed beside Schemathesis by .ci/run). Reads {"doc": ..., "samples":
# [{"route", "method", "status", "body"}]} on stdin; prints a JSON list of problems.
import json
import sys

from jsonschema import Draft202012Validator


def to_json_schema(node):
    """OpenAPI 3.0 schemas to JSON Schema: `nullable: true` becomes a null type."""
    if isinstance(node, list):
        return [to_json_schema(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: to_json_schema(v) for k, v in node.items() if k not in ("nullable", "deprecated", "example")}
    if node.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
        if "$ref" in out or "oneOf" in out or "allOf" in out:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def pointer(*parts):
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


req = json.load(sys.stdin)
doc = to_json_schema(req["doc"])
problems = []
for s in req["samples"]:
    op = doc["paths"].get(s["route"], {}).get(s["method"])
    if op is None:
        problems.append(f'{s["method"]} {s["route"]}: not in the document')
        continue
    status = str(s["status"])
    response = op["responses"].get(status)
    if response is None:
        problems.append(f'{s["method"]} {s["route"]}: answered {status}, which is not documented')
        continue
    if "$ref" in response:
        response = doc["components"]["responses"][response["$ref"].split("/")[-1]]
        where = "#/components/responses/" + pointer(op["responses"][status]["$ref"].split("/")[-1])
    else:
        where = "#/paths/" + pointer(s["route"], s["method"], "responses", status)
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        continue
    root = dict(doc)
    root["$ref"] = where + "/content/application~1json/schema"
    for e in Draft202012Validator(root).iter_errors(s["body"]):
        path = "/".join(str(p) for p in e.absolute_path)
        problems.append(f'{s["method"]} {s["route"]} {status} at /{path}: {e.message[:300]}')
print(json.dumps(problems))
