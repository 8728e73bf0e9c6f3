// Typed API errors, each mapped to App Mesh's status code and x-amzn-ErrorType by the error middleware.
import type { Finding, ResourceId } from '@meshwright/model';

/** Extra context the console shows; the AWS SDKs ignore it. */
export interface ErrorDetail {
  resource?: ResourceId;
  /** JSON path of the offending field, e.g. virtualNodes[0].spec.listeners[0].portMapping.port. */
  field?: string;
  /** Every problem found, when the request was a whole bundle. */
  findings?: Finding[];
}

export abstract class ApiError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  constructor(
    message: string,
    readonly detail: ErrorDetail = {},
  ) {
    super(message);
  }
}

export class BadRequestError extends ApiError {
  readonly status = 400;
  readonly type = 'BadRequestException';
}

export class NotFoundError extends ApiError {
  readonly status = 404;
  readonly type = 'NotFoundException';
}

export class ConflictError extends ApiError {
  readonly status = 409;
  readonly type = 'ConflictException';
}

export class ResourceInUseError extends ApiError {
  readonly status = 409;
  readonly type = 'ResourceInUseException';
}

export class LimitExceededError extends ApiError {
  readonly status = 400;
  readonly type = 'LimitExceededException';
}

export class TooManyTagsError extends ApiError {
  readonly status = 400;
  readonly type = 'TooManyTagsException';
}

export class InternalServerError extends ApiError {
  readonly status = 500;
  readonly type = 'InternalServerErrorException';
}

export class ForbiddenError extends ApiError {
  readonly status = 403;
  readonly type = 'ForbiddenException';
}

/** A request for a host name this server does not answer for (DNS rebinding). */
export class MisdirectedRequestError extends ApiError {
  readonly status = 421;
  readonly type = 'ForbiddenException';
}

export class UnsupportedMediaTypeError extends ApiError {
  readonly status = 415;
  readonly type = 'BadRequestException';
}
