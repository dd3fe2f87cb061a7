"""One router per resource."""

# The upload routes read the multipart stream themselves (to enforce the size limit while
# reading and keep the file in memory), so their request body is declared here for OpenAPI.
FILE_SCHEMA = {
    "type": "object",
    "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary", "description": "The document"}},
}
FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": FILE_SCHEMA}},
    }
}
