"""One router per resource."""

# The upload routes read the multipart stream themselves (to enforce the size limit while
# reading and keep the file in memory), so their request body is declared here for OpenAPI.
# A part under any other name is refused (422 invalid_request), hence additionalProperties: false.
FILE_SCHEMA = {
    "type": "object",
    "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary", "description": "The document"}},
    "additionalProperties": False,
}
FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": FILE_SCHEMA}},
    }
}
