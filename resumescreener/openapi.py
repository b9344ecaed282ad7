"""The JSON API as an OpenAPI 3.1 document, written by hand and served at /api/v1/openapi.json.

docs/api.md says the same in prose; tests/test_openapi.py fuzzes the running app against this document.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses):
    return {str(status): {"$ref": f"#/components/responses/{status}"} for status in statuses}


_ERROR_DESCRIPTIONS = {
    400: "The request cannot be used (the detail says why); nothing was changed.",
    401: "Not logged in.",
    403: "Not allowed: someone else's progress, staff only, or no CSRF token on an unsafe method.",
    404: "No such endpoint, or no such (visible) opening, batch, file or user, or a malformed id.",
    405: "The endpoint does not take that method (`Allow` lists those it does).",
    409: "The batch is still running.",
    429: "The user already has the maximum number of progress streams open.",
    503: "Redis or the database is not answering; nothing was changed.",
}

_BATCH_ID = {
    "name": "batch_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "format": "uuid"},
    "description": "The batch's id, as `batch_id` in the upload's answer.",
}
_USER_ID = {
    "name": "user_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "The user's primary key in plain decimal; anything else is a 404.",
}
_OPENING_ID = {
    "name": "opening_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}
_RESUME_ID = {
    "name": "resume_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
    "description": "The file's `resume_id` in the batch's results.",
}

_BINARY = {"type": "string", "format": "binary"}
_UPLOAD_TYPES = [
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text/plain",
    "image/png",
    "image/jpeg",
    "application/octet-stream",
]
_TEXT_LIST = {"type": "array", "items": {"type": "string"}}

_SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error", "detail"],
        "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
        "additionalProperties": False,
    },
    "Opening": {
        "type": "object",
        "required": ["id", "title", "description", "required_skills", "preferred_skills", "min_years"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "required_skills": _TEXT_LIST,
            "preferred_skills": _TEXT_LIST,
            "min_years": {"type": "number"},
        },
    },
    "Skills": {
        "description": "A list of skills, or one comma-separated string of them.",
        "oneOf": [
            {"type": "array", "maxItems": 100, "items": {"type": "string", "maxLength": 100}},
            {"type": "string"},
        ],
    },
    "NewOpening": {
        "type": "object",
        "required": ["title"],
        "properties": {
            "title": {"type": "string", "minLength": 1, "maxLength": 200},
            "description": {"type": "string"},
            "required_skills": _ref("Skills"),
            "preferred_skills": _ref("Skills"),
            "min_years": {"type": ["number", "null"], "minimum": 0, "maximum": 60},
        },
    },
    "Upload": {
        "type": "object",
        "required": ["files"],
        "properties": {
            "files": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "format": "binary"},
                "description": "PDF, DOCX, TXT, PNG or JPEG files, or ZIPs of them; typed by content.",
            }
        },
    },
    "Accepted": {
        "type": "object",
        "required": ["batch_id", "total", "accepted", "rejected", "status_url", "stream_url"],
        "properties": {
            "batch_id": {"type": "string", "format": "uuid"},
            "total": {"type": "integer"},
            "accepted": _TEXT_LIST,
            "rejected": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "error"],
                    "properties": {"name": {"type": "string"}, "error": {"type": "string"}},
                },
            },
            "status_url": {"type": "string"},
            "stream_url": {"type": "string"},
        },
    },
    "BatchStatus": {
        "type": "string",
        "enum": ["queued", "processing", "completed", "failed", "cancelled"],
    },
    "File": {
        "type": "object",
        "required": ["resume_id", "filename", "status", "score", "flags", "error"],
        "properties": {
            "resume_id": {"type": "integer"},
            "filename": {"type": "string"},
            "status": {"type": "string", "enum": ["queued", "processing", "done", "failed", "cancelled"]},
            "score": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
            "name": {"type": ["string", "null"]},
            "email": {"type": ["string", "null"]},
            "phone": {"type": ["string", "null"]},
            "links": _TEXT_LIST,
            "matched_skills": _TEXT_LIST,
            "missing_skills": _TEXT_LIST,
            "years": {"type": ["number", "null"]},
            "flags": _TEXT_LIST,
            "explanation": {"type": "string"},
            "error": {"type": "string"},
        },
    },
    "Batch": {
        "type": "object",
        "required": [
            "batch_id",
            "opening_id",
            "status",
            "total",
            "completed",
            "successful_files",
            "failed_files",
            "results",
        ],  # fmt: skip
        "properties": {
            "batch_id": {"type": "string", "format": "uuid"},
            "opening_id": {"type": "integer"},
            "status": _ref("BatchStatus"),
            "total": {"type": "integer", "minimum": 0},
            "completed": {"type": "integer", "minimum": 0},
            "successful_files": {"type": "integer", "minimum": 0},
            "failed_files": {"type": "integer", "minimum": 0},
            "results": {"type": "array", "items": _ref("File")},
        },
    },
    "Cancelled": {
        "type": "object",
        "required": ["batch_id", "cancelled", "status"],
        "properties": {
            "batch_id": {"type": "string", "format": "uuid"},
            "cancelled": {"type": "integer", "minimum": 0},
            "status": _ref("BatchStatus"),
        },
    },
    "Retried": {
        "type": "object",
        "required": ["batch_id", "retried", "status"],
        "properties": {
            "batch_id": {"type": "string", "format": "uuid"},
            "retried": {"type": "integer", "minimum": 0},
            "status": _ref("BatchStatus"),
        },
    },
    "Deleted": {
        "type": "object",
        "required": ["batch_id", "deleted"],
        "properties": {"batch_id": {"type": "string", "format": "uuid"}, "deleted": {"const": True}},
    },
    "Progress": {
        "description": "A whole snapshot of one batch; the batch's last event also carries `results`.",
        "type": "object",
        "properties": {
            "batch_id": {"type": "string"},
            "completed": {"type": "integer"},
            "total": {"type": "integer"},
            "status": {"type": "string"},
            "message": {"type": "string"},
            "successful_files": {"type": "integer"},
            "failed_files": {"type": "integer"},
            "current_file": {"type": ["string", "null"]},
            "timestamp": {"type": "string"},
        },
    },
    "ProgressStatus": {
        "type": "object",
        "required": ["user_id", "progress"],
        "properties": {
            "user_id": {"type": "string"},
            "progress": {"oneOf": [_ref("Progress"), {"type": "null"}]},
        },
    },
    "ProgressDeleted": {
        "type": "object",
        "required": ["user_id", "deleted", "message"],
        "properties": {
            "user_id": {"type": "string"},
            "deleted": {"type": "integer", "minimum": 0},
            "message": {"type": "string"},
        },
    },
    "Connections": {
        "type": "object",
        "required": ["active_connections", "users", "per_user"],
        "properties": {
            "active_connections": {"type": "integer", "minimum": 0},
            "users": {"type": "integer", "minimum": 0},
            "per_user": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}},
        },
    },
}

_STREAM_DESCRIPTION = (
    "Server-Sent Events: a `retry:` line, then `event: progress` events (an `id:` and a `data:` line "
    "holding a Progress object as JSON), `: keep-alive` comments when idle, and `event: stream-reset` "
    '(`data: {"reason": "too-old" | "ahead" | "unknown-id"}`) followed by the latest event when the '
    "resume id cannot be continued from."
)

_PATHS = {
    "/api/v1/openings": {
        "get": {
            "operationId": "listOpenings",
            "summary": "The user's openings (staff: everyone's), newest first",
            "responses": {
                "200": _json(
                    {
                        "type": "object",
                        "required": ["openings"],
                        "properties": {"openings": {"type": "array", "items": _ref("Opening")}},
                    },
                    "The openings.",
                ),
                **_errors(401, 405),
            },
        },
        "post": {
            "operationId": "createOpening",
            "summary": "Create an opening (CSRF token needed)",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("NewOpening")}},
            },
            "responses": {"201": _json(_ref("Opening"), "The new opening."), **_errors(400, 401, 403, 405)},
        },
    },
    "/api/v1/openings/{opening_id}/batches": {
        "parameters": [_OPENING_ID],
        "post": {
            "operationId": "uploadBatch",
            "summary": "Upload files to screen against the opening (CSRF token needed)",
            "requestBody": {
                "required": True,
                "content": {"multipart/form-data": {"schema": _ref("Upload")}},
            },
            "responses": {
                "202": _json(_ref("Accepted"), "The batch, with the files accepted and refused."),
                **_errors(400, 401, 403, 404, 405),
            },
        },
    },
    "/api/v1/batches/{batch_id}": {
        "parameters": [_BATCH_ID],
        "get": {
            "operationId": "getBatch",
            "summary": "A batch's counters and its files, ranked",
            "responses": {"200": _json(_ref("Batch"), "The batch."), **_errors(401, 404, 405)},
        },
        "delete": {
            "operationId": "deleteBatch",
            "summary": "Delete the batch, its files and results (owner or staff; CSRF token needed)",
            "responses": {"200": _json(_ref("Deleted"), "Deleted."), **_errors(401, 403, 404, 405)},
        },
    },
    "/api/v1/batches/{batch_id}/results.csv": {
        "parameters": [_BATCH_ID],
        "get": {
            "operationId": "getBatchCsv",
            "summary": "The ranked results as CSV",
            "responses": {
                "200": {
                    "description": "One row per file: rank, filename, status, score, name, email, phone, "
                    "years, matched_skills, missing_skills, flags, error.",
                    "content": {"text/csv": {"schema": {"type": "string"}}},
                },
                **_errors(401, 404, 405),
            },
        },
    },
    "/api/v1/batches/{batch_id}/files/{resume_id}/original": {
        "parameters": [_BATCH_ID, _RESUME_ID],
        "get": {
            "operationId": "getOriginalFile",
            "summary": "The original uploaded file (owner or staff)",
            "responses": {
                "200": {
                    "description": "The file, as an attachment under its display name.",
                    "content": {media_type: {"schema": _BINARY} for media_type in _UPLOAD_TYPES},
                },
                **_errors(401, 404, 405),
            },
        },
    },
    "/api/v1/batches/{batch_id}/cancel": {
        "parameters": [_BATCH_ID],
        "post": {
            "operationId": "cancelBatch",
            "summary": "Cancel the files still queued (CSRF token needed)",
            "responses": {"200": _json(_ref("Cancelled"), "Cancelled."), **_errors(401, 403, 404, 405)},
        },
    },
    "/api/v1/batches/{batch_id}/retry": {
        "parameters": [_BATCH_ID],
        "post": {
            "operationId": "retryBatch",
            "summary": "Queue the failed files again, once the batch has finished (CSRF token needed)",
            "responses": {
                "200": _json(_ref("Retried"), "Queued again."),
                **_errors(401, 403, 404, 405, 409),
            },
        },
    },
    "/api/v1/sse/progress/stream/{user_id}": {
        "parameters": [_USER_ID],
        "get": {
            "operationId": "streamProgress",
            "summary": "The user's progress as Server-Sent Events (the user, or staff)",
            "parameters": [
                {
                    "name": "Last-Event-ID",
                    "in": "header",
                    "schema": {"type": "string"},
                    "description": "Resume after this id (browsers send it when they reconnect).",
                },
                {
                    "name": "lastEventId",
                    "in": "query",
                    "schema": {"type": "string"},
                    "description": "Resume after this id (the first connect after a page load).",
                },
            ],
            "responses": {
                "200": {
                    "description": _STREAM_DESCRIPTION,
                    "content": {"text/event-stream": {"schema": {"type": "string"}}},
                },
                **_errors(401, 403, 404, 405, 429, 503),
            },
        },
    },
    "/api/v1/sse/progress/status/{user_id}": {
        "parameters": [_USER_ID],
        "get": {
            "operationId": "getProgress",
            "summary": "The user's latest progress object, or null (the user, or staff)",
            "responses": {
                "200": _json(_ref("ProgressStatus"), "The latest progress."),
                **_errors(401, 403, 404, 405, 503),
            },
        },
    },
    "/api/v1/sse/progress/{user_id}": {
        "parameters": [_USER_ID],
        "delete": {
            "operationId": "deleteProgress",
            "summary": "Remove the user's retained progress events (the user, or staff; CSRF token needed)",
            "responses": {
                "200": _json(_ref("ProgressDeleted"), "Removed."),
                **_errors(401, 403, 404, 405, 503),
            },
        },
    },
    "/api/v1/sse/connections/status": {
        "get": {
            "operationId": "getConnections",
            "summary": "Open progress streams across every web process (staff)",
            "responses": {
                "200": _json(_ref("Connections"), "The counts."),
                **_errors(401, 403, 405, 503),
            },
        },
    },
    "/api/v1/openapi.json": {
        "get": {
            "operationId": "getOpenAPI",
            "summary": "This document",
            "security": [],
            "responses": {"200": _json({"type": "object"}, "The OpenAPI document.")},
        },
    },
}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Resume Screener API",
        "version": "1",
        "description": (
            "Session authentication (log in at /accounts/login/). Unsafe methods need Django's CSRF token: "
            "the `csrftoken` cookie's value in an `X-CSRFToken` header. Every error is "
            '`{"error": "<code>", "detail": "<sentence>"}`. See docs/api.md.'
        ),
        "license": {"name": "BSD-3-Clause", "identifier": "BSD-3-Clause"},
    },
    "servers": [{"url": "/"}],
    "security": [{"session": []}],
    "paths": _PATHS,
    "components": {
        "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "sessionid"}},
        "schemas": _SCHEMAS,
        "responses": {str(code): _json(_ref("Error"), text) for code, text in _ERROR_DESCRIPTIONS.items()},
    },
}


@require_GET
def openapi_json(request):
    """The OpenAPI document, to anyone."""
    return JsonResponse(DOCUMENT)
