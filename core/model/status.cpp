#include "dynadesk/status.h"

namespace dynadesk {

std::string_view errorTypeName(ErrorType type) {
  switch (type) {
    case ErrorType::Ok: return "Ok";
    case ErrorType::ValidationException: return "ValidationException";
    case ErrorType::SerializationException: return "SerializationException";
    case ErrorType::UnknownOperationException: return "UnknownOperationException";
    case ErrorType::ResourceNotFoundException: return "ResourceNotFoundException";
    case ErrorType::ResourceInUseException: return "ResourceInUseException";
    case ErrorType::ConditionalCheckFailedException: return "ConditionalCheckFailedException";
    case ErrorType::TransactionCanceledException: return "TransactionCanceledException";
    case ErrorType::TransactionConflictException: return "TransactionConflictException";
    case ErrorType::TransactionInProgressException: return "TransactionInProgressException";
    case ErrorType::IdempotentParameterMismatchException: return "IdempotentParameterMismatchException";
    case ErrorType::ProvisionedThroughputExceededException: return "ProvisionedThroughputExceededException";
    case ErrorType::ThrottlingException: return "ThrottlingException";
    case ErrorType::RequestLimitExceeded: return "RequestLimitExceeded";
    case ErrorType::LimitExceededException: return "LimitExceededException";
    case ErrorType::ItemCollectionSizeLimitExceededException: return "ItemCollectionSizeLimitExceededException";
    case ErrorType::TrimmedDataAccessException: return "TrimmedDataAccessException";
    case ErrorType::ExpiredIteratorException: return "ExpiredIteratorException";
    case ErrorType::MissingAuthenticationTokenException: return "MissingAuthenticationTokenException";
    case ErrorType::UnrecognizedClientException: return "UnrecognizedClientException";
    case ErrorType::InvalidSignatureException: return "InvalidSignatureException";
    case ErrorType::AccessDeniedException: return "AccessDeniedException";
    case ErrorType::IncompleteSignatureException: return "IncompleteSignatureException";
    case ErrorType::InternalServerError: return "InternalServerError";
    case ErrorType::InvalidParameterValue: return "InvalidParameterValue";
    case ErrorType::InvalidParameterCombination: return "InvalidParameterCombination";
    case ErrorType::MissingParameter: return "MissingParameter";
    case ErrorType::ResourceNotFound: return "ResourceNotFound";
    case ErrorType::LimitExceeded: return "LimitExceeded";
    case ErrorType::InvalidNextToken: return "InvalidNextToken";
    case ErrorType::InvalidAction: return "InvalidAction";
    case ErrorType::InvalidFormat: return "InvalidFormat";
  }
  return "InternalServerError";
}

bool isServerError(ErrorType type) { return type == ErrorType::InternalServerError; }

}  // namespace dynadesk
