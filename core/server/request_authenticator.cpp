#include "server/request_authenticator.h"

#include "server/crypto.h"
#include "server/sigv4.h"
#include "server/sigv4_authorization.h"

namespace dynadesk::server {

namespace {

constexpr std::string_view kSignatureMismatch =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
    "Key and signing method. Consult the service documentation for details.";

Status unrecognizedClient() {
  return {ErrorType::UnrecognizedClientException, "The security token included in the request is invalid."};
}

bool isHexSignature(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

}  // namespace

RequestAuthenticator::RequestAuthenticator(std::map<std::string, std::string> secretsByAccessKey,
                                           std::shared_ptr<const Clock> clock)
    : secrets_(std::move(secretsByAccessKey)), clock_(std::move(clock)) {}

Status RequestAuthenticator::check(const HttpRequest& request, std::string_view service) const {
  DYNADESK_ASSIGN_OR_RETURN(sigv4::Authorization auth, sigv4::readAuthorization(request));
  if (verifies()) DYNADESK_RETURN_IF_ERROR(sigv4::checkRequestTime(auth, clock_->nowMillis()));
  DYNADESK_RETURN_IF_ERROR(sigv4::checkAuthorizationShape(auth, service));

  if (!verifies()) {
    if (auth.accessKeyId.empty()) return unrecognizedClient();
    // Real DynamoDB would compute a different signature for anything else.
    if (!isHexSignature(auth.signature)) return {ErrorType::InvalidSignatureException, std::string(kSignatureMismatch)};
    return Status::ok();
  }

  const auto secret = secrets_.find(auth.accessKeyId);
  if (secret == secrets_.end()) return unrecognizedClient();

  const std::string payloadHash = crypto::toHex(crypto::sha256(request.body));
  const std::string canonical =
      sigv4::canonicalRequest(request, auth.signedHeaders, auth.signedHeaderNames, payloadHash);
  const std::string scope = sigv4::credentialScope(auth.date, auth.region, auth.service);
  const std::string toSign = sigv4::stringToSign(auth.requestTime, scope, canonical);
  const std::string expected =
      sigv4::signature(sigv4::signingKey(secret->second, auth.date, auth.region, auth.service), toSign);
  if (crypto::constantTimeEquals(expected, auth.signature)) return Status::ok();
  return {ErrorType::InvalidSignatureException, std::string(kSignatureMismatch) +
                                                    "\n\nThe Canonical String for this request should have been\n'" +
                                                    canonical + "'\n\nThe String-to-Sign should have been\n'" +
                                                    toSign + "'\n"};
}

}  // namespace dynadesk::server
