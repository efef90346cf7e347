// Number: DynamoDB's exact decimal number (attribute type "N").
//
// What it is
//   An exact decimal with at most 38 significant digits and, when non-zero, a
//   magnitude between 1E-130 and 9.9999999999999999999999999999999999999E+125
//   (the same for negatives). No binary floating point is used anywhere: the
//   value is a sign, up to 38 decimal digits and a decimal exponent, kept in a
//   small fixed array inside the object (no heap allocation per Number).
//
//   Every Number is normalised: leading and trailing zeros are dropped and zero
//   has no sign, so equal values have identical representations whatever their
//   spelling ("1.0" == "1" == "1e0" == "+0001.000E+0"; "-0" == "0").
//
// Thread-safety
//   A plain value type (trivially copyable, 42 bytes). Const member functions
//   touch nothing but the object itself; copy Numbers freely between threads.
//
// Ownership
//   Functions return values. The two string appenders write into the caller's
//   std::string; the decoders read from the caller's std::string_view and
//   advance it (the view's characters stay owned by the caller). Nothing keeps a
//   pointer or reference after a call returns.
//
// Errors
//   Everything fallible returns Result<Number>. Bad user input is a
//   ValidationException with DynamoDB's own message (the constants below);
//   malformed stored bytes are an InternalServerError "corrupt number key".
//   Nothing throws.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dynadesk/status.h"

namespace dynadesk {

// DynamoDB's messages for a rejected number (all ValidationException).
// Not a number: DynamoDB appends ": <the text>" when the text is not empty.
inline constexpr std::string_view kNumberNotANumberMessage =
    "The parameter cannot be converted to a numeric value";
inline constexpr std::string_view kNumberTooManyDigitsMessage =
    "Attempting to store more than 38 significant digits in a Number";
inline constexpr std::string_view kNumberOverflowMessage =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
inline constexpr std::string_view kNumberUnderflowMessage =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";
// InternalServerError message from decodeOrderedKey / decodeBinary.
inline constexpr std::string_view kNumberCorruptKeyMessage = "corrupt number key";

class Number {
 public:
  static constexpr int kMaxDigits = 38;      // significant digits
  static constexpr int kMaxExponent = 125;   // power of ten of the leading digit, at most
  static constexpr int kMinExponent = -130;  // ... and at least
  // Longest output of appendOrderedKey / appendBinary, in bytes.
  static constexpr std::size_t kMaxEncodedSize = 22;

  // Zero.
  Number() = default;

  // Parses DynamoDB number text. Grammar: optional '+' or '-'; decimal digits
  // with at most one '.', at least one digit in all ("5." and ".5" are fine,
  // leading zeros are fine); then optionally 'e' or 'E', an optional sign and at
  // least one digit. Nothing else: no whitespace, hex, "NaN", "Infinity" or
  // empty text. Any length of input is accepted; an exponent too large for any
  // integer type is simply out of range (a zero mantissa with any exponent is 0).
  // Checks, in this order, each a ValidationException:
  //   bad grammar              -> kNumberNotANumberMessage
  //   > 38 significant digits  -> kNumberTooManyDigitsMessage
  //   magnitude > 9.99..E+125  -> kNumberOverflowMessage
  //   magnitude < 1E-130 (!=0) -> kNumberUnderflowMessage
  // Significant digits are counted after dropping leading and trailing zeros,
  // so "1" followed by 50 zeros has one.
  static Result<Number> parse(std::string_view text);

  // The exact value of v (every int64 fits: at most 19 digits).
  static Number fromInt64(std::int64_t v);
  static Number zero() { return Number(); }

  bool isZero() const { return count_ == 0; }
  bool isNegative() const { return negative_; }  // false for zero
  // Number of significant digits, 1..38; 0 for zero.
  int significantDigits() const { return count_; }

  // DynamoDB's normalised plain notation, never exponent notation:
  // "01.50" -> "1.5", "1e2" -> "100", "-0.000" -> "0", "-12.3400e-2" -> "-0.1234",
  // "1E-130" -> "0." + 129 zeros + "1". At most 171 characters.
  std::string toString() const;

  // Numeric order: <0, 0 or >0 as *this is less than, equal to or greater than other.
  int compare(const Number& other) const;
  friend bool operator==(const Number& a, const Number& b);
  friend std::strong_ordering operator<=>(const Number& a, const Number& b);

  // The same magnitude with the opposite sign (zero stays zero).
  Number negated() const;

  // Exact sum and difference, as DynamoDB's ADD and SET a = b + c / b - c.
  // Errors (ValidationException):
  //   result magnitude > 9.99..E+125           -> kNumberOverflowMessage
  //   result magnitude < 1E-130 (non-zero)     -> kNumberUnderflowMessage
  //   exact result needs > 38 significant digits -> kNumberOverflowMessage
  // The last one is deliberate, not kNumberTooManyDigitsMessage: DynamoDB
  // itself answers "Number overflow ..." when an update's sum or difference
  // cannot be held in 38 digits, e.g. SET b = :a + :b with 1E50 and 1 (observed
  // against DynamoDB by ScyllaDB's Alternator test suite,
  // test_number.py::test_update_expression_plus_imprecise). It never rounds.
  Result<Number> add(const Number& other) const;
  Result<Number> subtract(const Number& other) const;

  // DynamoDB's storage size of this value in bytes, as billing and the 400 KB
  // item limit count it: 1 for zero, else 1 + (base-100 digit pairs the digits
  // occupy, pairs aligned at even powers of ten) + (1 if negative).
  // "1" -> 2, "10" -> 2, "123" -> 3, "0.5" -> 2, "-1" -> 3. At most 22.
  std::size_t sizeInBytes() const;

  // Appends an order-preserving, self-delimiting encoding (1..22 bytes) to out:
  //   memcmp order of encodings == compare() order; equal numbers encode
  //   identically; no encoding is a prefix of another, so more key components
  //   may follow it. Layout:
  //     byte 0: class: 0x01 negative, 0x02 zero, 0x03 positive. Zero ends here.
  //     byte 1: base-100 exponent floor(e/2) + 66 (1..128), e = power of ten of
  //             the leading digit.
  //     then the digits in base-100 pairs aligned at even powers of ten
  //             (pair k holds the digits at 10^(2k+1) and 10^(2k)), from the
  //             leading pair down: a pair p that is not the last is stored as
  //             2p+2 (even, 2..200), the last as 2p+1 (odd, 3..199), so the
  //             encoding ends itself and a longer digit string sorts after its
  //             prefix.
  //     For negatives every byte after byte 0 is replaced by 255 - byte.
  void appendOrderedKey(std::string& out) const;
  // Consumes one encoding from the front of in and returns its number. On
  // malformed or non-canonical input returns InternalServerError
  // kNumberCorruptKeyMessage and leaves in unchanged.
  static Result<Number> decodeOrderedKey(std::string_view& in);

  // Compact storage form for item values: identical to the ordered key encoding.
  void appendBinary(std::string& out) const { appendOrderedKey(out); }
  static Result<Number> decodeBinary(std::string_view& in) { return decodeOrderedKey(in); }

 private:
  int compareMagnitude(const Number& other) const;

  // digits_[0..count_) are the significant digits (values 0..9), leading digit
  // first and non-zero, last non-zero; the rest of the array is zero. exp_ is the
  // power of ten of digits_[0]. Zero: count_ 0, exp_ 0, negative_ false.
  std::uint8_t digits_[kMaxDigits] = {};
  std::int16_t exp_ = 0;
  std::uint8_t count_ = 0;
  bool negative_ = false;
};

}  // namespace dynadesk
