// Reading access keys from an AWS shared-credentials file (the format of
// ~/.aws/credentials), for dynadesk-server --verify-signatures.
//
//   [default]
//   aws_access_key_id = AKIAIOSFODNN7EXAMPLE
//   aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
//
// Every [profile] section with both keys contributes one access key; other
// settings (aws_session_token, region, ...) and sections without keys are
// ignored, so a user's own credentials file works as it is. Lines starting
// with '#' or ';' are comments; names are case-insensitive; spaces around '='
// do not matter.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>

#include "dynadesk/status.h"

namespace dynadesk::app {

// Access key id -> secret access key from the file at `path` ("~/" is the home
// folder). Errors (ValidationException, message in plain language naming the
// file): the file cannot be read; a section has one key without the other; one
// access key id appears with two different secrets; no access key at all.
Result<std::map<std::string, std::string>> loadAccessKeys(const std::string& path);

// The same for the file's text; `name` is how messages refer to it.
Result<std::map<std::string, std::string>> parseAccessKeys(const std::string& text, const std::string& name);

}  // namespace dynadesk::app
