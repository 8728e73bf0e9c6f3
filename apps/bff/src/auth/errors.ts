// The refusals AWS gives a request it cannot authenticate, as API errors (HTTP 403, x-amzn-ErrorType),
// so the AWS CLI, SDKs and boto3 raise the exception their users already know.
import { ApiError } from '../http/errors';

/** Unknown access key, or no credentials at all. */
export class UnrecognizedClientError extends ApiError {
  readonly status = 403;
  readonly type = 'UnrecognizedClientException';
}

/** The signature, its date, its scope or the payload hash does not match the request. */
export class InvalidSignatureError extends ApiError {
  readonly status = 403;
  readonly type = 'InvalidSignatureException';
}

/** The Authorization header (or presigned query) is malformed or lacks a part. */
export class IncompleteSignatureError extends ApiError {
  readonly status = 403;
  readonly type = 'IncompleteSignatureException';
}

export type SigV4FailureCode = 'UnrecognizedClientException' | 'InvalidSignatureException' | 'IncompleteSignatureException';

export function sigV4Error(code: SigV4FailureCode, message: string): ApiError {
  switch (code) {
    case 'UnrecognizedClientException':
      return new UnrecognizedClientError(message);
    case 'InvalidSignatureException':
      return new InvalidSignatureError(message);
    case 'IncompleteSignatureException':
      return new IncompleteSignatureError(message);
  }
}

/** No credentials at all: neither a signature nor a console session. AWS's words for it. */
export class MissingAuthenticationTokenError extends ApiError {
  readonly status = 403;
  readonly type = 'MissingAuthenticationTokenException';
}

/** A console session cookie that is unknown, expired or signed out: the console shows its login page. */
export class SessionExpiredError extends ApiError {
  readonly status = 401;
  readonly type = 'UnauthorizedException';
}
