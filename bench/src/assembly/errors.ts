// What a user adds to any assembly below to get typed errors: a class per status, connection and
// timeout errors, and one for a request or answer the schemas refuse. Written once, shared by all.

export class APIError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly headers: Headers | undefined,
    readonly body: unknown,
    message: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}
export class BadRequestError extends APIError {}
export class AuthenticationError extends APIError {}
export class PermissionDeniedError extends APIError {}
export class NotFoundError extends APIError {}
export class ConflictError extends APIError {}
export class UnprocessableEntityError extends APIError {}
export class RateLimitError extends APIError {}
export class InternalServerError extends APIError {}
export class APIConnectionError extends APIError {
  constructor(override readonly cause: unknown) {
    super(undefined, undefined, undefined, 'Connection error')
  }
}
export class APIConnectionTimeoutError extends APIConnectionError {}
/** A request the schemas refuse before it is sent, or an answer they refuse after. */
export class ValidationError extends Error {
  constructor(readonly issues: unknown) {
    super('Validation failed')
    this.name = 'ValidationError'
  }
}

const byStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
}

export function errorFor(response: Response, body: unknown): APIError {
  const ErrorClass = byStatus[response.status] ?? (response.status >= 500 ? InternalServerError : APIError)
  return new ErrorClass(response.status, response.headers, body, `${response.status} ${response.statusText}`)
}

export function connectionError(error: unknown): APIConnectionError {
  return (error as Error)?.name === 'TimeoutError'
    ? new APIConnectionTimeoutError(error)
    : new APIConnectionError(error)
}
