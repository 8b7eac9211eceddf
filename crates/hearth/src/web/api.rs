//! What the JSON API under `/api/v1` shares: its description (`openapi.json`, served at
//! `/api/v1/openapi.json` and checked by the tests against the routes), the answer for an
//! endpoint that does not exist, and input parsing used by more than one capability. Each
//! capability's routes live in its own router (`forum_api.rs`, `events.rs`, `people.rs`,
//! ...); public content is readable without a token, as on the web.

use super::error::AppError;
use crate::app::AppState;
use crate::services::ServiceError;
use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The OpenAPI description as written beside the code (and checked by the tests against
/// the routes). What the code itself knows is written in when it is served
/// ([`openapi_document`]), so it cannot drift.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The description as served: [`OPENAPI`] with, for every operation, its token scope
/// (`x-scope`, from `hearth_core::access::scope_needed`), its security (optional for the
/// public reads) and the error answers every operation can give (400, 401, 403, 404, 429);
/// and every enum the code keeps a table of, from that table.
pub fn openapi_document() -> &'static str {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOC.get_or_init(
        || match serde_json::from_str::<serde_json::Value>(OPENAPI) {
            Ok(mut doc) => {
                complete(&mut doc);
                doc.to_string()
            }
            Err(_) => OPENAPI.to_string(),
        },
    )
}

/// The enums written from the code's tables: (JSON pointer, values).
fn enums() -> Vec<(&'static str, Vec<&'static str>)> {
    use hearth_core::notifications::NotificationKind;
    use hearth_core::values::{
        FlagReason, IdeaStatus, JoinMode, ModerationAction, Reaction, Role, TopicKind, Visibility,
    };
    let kinds: Vec<&str> = TopicKind::ALL.iter().map(|k| k.as_str()).collect();
    let visibility: Vec<&str> = Visibility::ALL.iter().map(|v| v.as_str()).collect();
    let statuses: Vec<&str> = IdeaStatus::ALL.iter().map(|s| s.as_str()).collect();
    let join: Vec<&str> = JoinMode::ALL.iter().map(|j| j.as_str()).collect();
    vec![
        (
            "/components/schemas/Space/properties/kinds/items",
            kinds.clone(),
        ),
        (
            "/components/schemas/NewSpace/properties/kinds/items",
            kinds.clone(),
        ),
        (
            "/paths/~1api~1v1~1spaces~1{slug}/patch/requestBody/content/application~1json/schema/properties/kinds/items",
            kinds.clone(),
        ),
        (
            "/components/schemas/NewTopic/properties/kind",
            kinds
                .into_iter()
                .filter(|k| *k != TopicKind::Event.as_str())
                .collect(),
        ),
        (
            "/components/schemas/Space/properties/visibility",
            visibility.clone(),
        ),
        (
            "/components/schemas/NewSpace/properties/visibility",
            visibility.clone(),
        ),
        (
            "/paths/~1api~1v1~1spaces~1{slug}/patch/requestBody/content/application~1json/schema/properties/visibility",
            visibility,
        ),
        (
            "/components/schemas/Member/properties/role",
            Role::ALL.iter().map(|r| r.as_str()).collect(),
        ),
        (
            "/components/schemas/StatusChange/properties/status",
            statuses.clone(),
        ),
        ("/components/schemas/Topic/properties/status", statuses),
        (
            "/components/schemas/Reaction/properties/emoji",
            Reaction::all().map(|r| r.name()).collect(),
        ),
        (
            "/components/schemas/Notification/properties/kind",
            NotificationKind::ALL.iter().map(|k| k.as_str()).collect(),
        ),
        (
            "/components/schemas/Community/properties/join_mode",
            join.clone(),
        ),
        (
            "/components/schemas/CommunityPatch/properties/join_mode",
            join,
        ),
        (
            "/paths/~1api~1v1~1posts~1{id}~1flags/post/requestBody/content/application~1json/schema/properties/reason",
            FlagReason::ALL.iter().map(|r| r.as_str()).collect(),
        ),
        (
            "/paths/~1api~1v1~1moderation~1queue~1{item}~1decision/post/requestBody/content/application~1json/schema/properties/action",
            ModerationAction::ALL.iter().map(|a| a.as_str()).collect(),
        ),
    ]
}

/// Writes what the code knows into `doc` (see [`openapi_document`]).
fn complete(doc: &mut serde_json::Value) {
    use serde_json::json;
    for (pointer, values) in enums() {
        if let Some(schema) = doc.pointer_mut(pointer) {
            let nullable = schema["enum"]
                .as_array()
                .is_some_and(|e| e.iter().any(serde_json::Value::is_null));
            let mut list: Vec<serde_json::Value> = values.into_iter().map(|v| json!(v)).collect();
            if nullable {
                list.push(serde_json::Value::Null);
            }
            schema["enum"] = serde_json::Value::Array(list);
        }
    }
    let err = |name: &str| json!({"$ref": format!("#/components/responses/{name}")});
    // The error answers every operation may give, each the JSON error.
    for (name, description) in [
        (
            "BadRequest",
            "A malformed path, query string or body: the JSON error names what is wrong",
        ),
        (
            "Unauthorized",
            "No token where one is needed, or a wrong one",
        ),
        (
            "Forbidden",
            "The member may not do this, or the token lacks the scope named in x-scope (code insufficient_scope)",
        ),
        ("NotFound", "No such thing, or one the caller may not see"),
        (
            "RateLimited",
            "Too many requests: wait and try again (Retry-After says how long, when known)",
        ),
        (
            "Unprocessable",
            "A field that does not make sense, named in field",
        ),
        (
            "Conflict",
            "A value that must be unique is taken (named in field), or the thing is not in a state that allows this",
        ),
        ("TooLarge", "A body over the size limit"),
        (
            "Unavailable",
            "The request took longer than the server allows",
        ),
    ] {
        doc["components"]["responses"][name] = json!({
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        });
    }
    doc["components"]["schemas"]["Scope"] = json!({
        "type": "string",
        "enum": hearth_core::values::Scope::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "description": "What an API token may be used for; each operation's x-scope names the one it needs",
    });
    // Each webhook kind's meaning, its target and whether only a subscription naming it
    // receives it, from the activity table itself.
    let mut kinds = serde_json::Map::new();
    let mut names = Vec::new();
    for (kind, meaning, target) in hearth_core::activity::KINDS
        .iter()
        .chain(hearth_core::activity::EXTERNAL_KINDS)
    {
        if *kind == hearth_core::activity::VISITED {
            continue;
        }
        names.push(json!(kind));
        kinds.insert(
            kind.to_string(),
            json!({
                "meaning": meaning,
                "target": target,
                "only_when_named": hearth_core::activity::PRIVATE.contains(kind),
            }),
        );
    }
    let payload = &mut doc["components"]["schemas"]["WebhookPayload"];
    if payload.is_object() {
        payload["properties"]["type"]["enum"] = serde_json::Value::Array(names);
        payload["x-kinds"] = serde_json::Value::Object(kinds);
    }
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            let read = method == "get" || method == "head";
            let public = read && super::ANONYMOUS_API_READS.contains(&path.as_str());
            op["x-scope"] = json!(hearth_core::access::scope_needed(read, path).as_str());
            op["security"] = if public {
                json!([{}, {"bearer": []}])
            } else {
                json!([{"bearer": []}])
            };
            let has_body = op.get("requestBody").is_some();
            let has_params =
                path.contains('{') || op["parameters"].as_array().is_some_and(|p| !p.is_empty());
            let responses = &mut op["responses"];
            let mut add = |status: &str, name: &str| {
                if responses.get(status).is_none() {
                    responses[status] = err(name);
                }
            };
            add("400", "BadRequest");
            add("401", "Unauthorized");
            add("403", "Forbidden");
            add("429", "RateLimited");
            add("503", "Unavailable");
            if path.contains('{') {
                add("404", "NotFound");
            }
            // Any change can meet a state that refuses it (ServiceError::State, Conflict).
            if !read {
                add("409", "Conflict");
            }
            if has_body {
                add("413", "TooLarge");
                add("422", "Unprocessable");
            } else if has_params {
                add("422", "Unprocessable");
            }
        }
    }
}

/// Nested at `/api/v1`: the description and the answer for unknown endpoints.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .fallback(|| async {
            super::error::ApiError(AppError::not_found("err-not-found-endpoint"))
        })
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        openapi_document(),
    )
        .into_response()
}

/// Parses the `answered` filter shared by the API and the space page.
pub fn parse_answered(value: Option<&str>) -> Result<Option<bool>, ServiceError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(hearth_core::Invalid::new("answered", "err-true-or-false").into()),
    }
}
