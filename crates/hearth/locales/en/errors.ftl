# error.html: the heading, by HTTP status ($status, a number); $reason is the status's
# standard English reason, for any other status.

error-status = { $status ->
    [400] Bad Request
    [401] Unauthorized
    [403] Forbidden
    [404] Not Found
    [409] Conflict
    [413] Payload Too Large
    [422] Unprocessable Entity
    [429] Too Many Requests
    [500] Internal Server Error
   *[other] { $reason }
}
