#include "alarms/alarm_error.h"

namespace dynadesk::alarms {

std::string_view alarmErrorCodeName(AlarmErrorCode code) {
  switch (code) {
    case AlarmErrorCode::ValidationError: return "ValidationError";
    case AlarmErrorCode::InvalidParameterValue: return "InvalidParameterValue";
    case AlarmErrorCode::InvalidParameterCombination: return "InvalidParameterCombination";
    case AlarmErrorCode::MissingParameter: return "MissingParameter";
    case AlarmErrorCode::InvalidFormat: return "InvalidFormat";
    case AlarmErrorCode::InvalidNextToken: return "InvalidNextToken";
    case AlarmErrorCode::LimitExceeded: return "LimitExceeded";
    case AlarmErrorCode::ResourceNotFound: return "ResourceNotFound";
    case AlarmErrorCode::InternalFailure: return "InternalFailure";
  }
  return "InternalFailure";
}

AlarmError fromStorage(const Status& status) {
  return AlarmError{AlarmErrorCode::InternalFailure, status.message()};
}

}  // namespace dynadesk::alarms
