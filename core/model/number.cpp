#include "dynadesk/number.h"

#include <cstring>

namespace dynadesk {

namespace {

// Exponents are saturated here while parsing so no integer can overflow; any
// value this large is far outside the supported range either way.
constexpr std::int64_t kExponentClamp = std::int64_t{1} << 48;

constexpr int kExpBias = 66;  // floor(e/2) + 66 is 1..128 for e in [-130, 125]

// Floor division by 2, also for negatives.
constexpr int floorHalf(int v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }

Status notANumber(std::string_view text) {
  std::string message(kNumberNotANumberMessage);
  if (!text.empty()) message += ": " + std::string(text);
  return Status::validation(std::move(message));
}
Status tooManyDigits() { return Status::validation(std::string(kNumberTooManyDigitsMessage)); }
Status overflow() { return Status::validation(std::string(kNumberOverflowMessage)); }
Status underflow() { return Status::validation(std::string(kNumberUnderflowMessage)); }
Status corrupt() { return Status::internal(std::string(kNumberCorruptKeyMessage)); }

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<Number> Number::parse(std::string_view s) {
  std::size_t i = 0;
  const std::size_t len = s.size();
  bool negative = false;
  if (i < len && (s[i] == '+' || s[i] == '-')) {
    negative = s[i] == '-';
    ++i;
  }

  std::uint8_t digits[kMaxDigits] = {};
  std::int64_t mantissaDigits = 0;  // every digit of the mantissa seen so far
  std::int64_t intDigits = -1;      // digits before the '.', -1 until a '.' is seen
  std::int64_t firstNonZero = -1;   // mantissa index of the first non-zero digit
  std::int64_t lastNonZero = -1;    // ... and of the last
  bool tooMany = false;
  for (; i < len; ++i) {
    const char c = s[i];
    if (isDigit(c)) {
      if (c != '0') {
        if (firstNonZero < 0) firstNonZero = mantissaDigits;
        const std::int64_t at = mantissaDigits - firstNonZero;
        if (at < kMaxDigits) {
          digits[at] = static_cast<std::uint8_t>(c - '0');
        } else {
          tooMany = true;
        }
        lastNonZero = mantissaDigits;
      }
      ++mantissaDigits;
    } else if (c == '.' && intDigits < 0) {
      intDigits = mantissaDigits;
    } else {
      break;
    }
  }
  if (mantissaDigits == 0) return notANumber(s);
  if (intDigits < 0) intDigits = mantissaDigits;

  std::int64_t exponent = 0;
  if (i < len) {
    if (s[i] != 'e' && s[i] != 'E') return notANumber(s);
    ++i;
    bool expNegative = false;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
      expNegative = s[i] == '-';
      ++i;
    }
    if (i == len) return notANumber(s);
    for (; i < len; ++i) {
      if (!isDigit(s[i])) return notANumber(s);
      if (exponent < kExponentClamp) exponent = exponent * 10 + (s[i] - '0');
    }
    if (expNegative) exponent = -exponent;
  }

  if (firstNonZero < 0) return Number();  // zero, whatever its sign or exponent
  if (tooMany) return tooManyDigits();
  const std::int64_t e = intDigits - 1 - firstNonZero + exponent;
  if (e > kMaxExponent) return overflow();
  if (e < kMinExponent) return underflow();

  Number n;
  std::memcpy(n.digits_, digits, sizeof digits);
  n.count_ = static_cast<std::uint8_t>(lastNonZero - firstNonZero + 1);
  n.exp_ = static_cast<std::int16_t>(e);
  n.negative_ = negative;
  return n;
}

Number Number::fromInt64(std::int64_t v) {
  Number n;
  if (v == 0) return n;
  n.negative_ = v < 0;
  std::uint64_t mag = v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  std::uint8_t rev[20];
  int k = 0;
  while (mag != 0) {
    rev[k++] = static_cast<std::uint8_t>(mag % 10);
    mag /= 10;
  }
  n.exp_ = static_cast<std::int16_t>(k - 1);
  int low = 0;
  while (rev[low] == 0) ++low;  // trailing zeros
  int count = 0;
  for (int j = k - 1; j >= low; --j) n.digits_[count++] = rev[j];
  n.count_ = static_cast<std::uint8_t>(count);
  return n;
}

std::string Number::toString() const {
  if (count_ == 0) return "0";
  std::string out;
  const int e = exp_;
  const int n = count_;
  out.reserve(static_cast<std::size_t>((e >= 0 ? e : -e) + n + 3));
  if (negative_) out.push_back('-');
  if (e >= 0) {
    // Integer part: powers e..0.
    for (int p = 0; p <= e; ++p) out.push_back(static_cast<char>('0' + (p < n ? digits_[p] : 0)));
    if (n > e + 1) {
      out.push_back('.');
      for (int p = e + 1; p < n; ++p) out.push_back(static_cast<char>('0' + digits_[p]));
    }
  } else {
    out.append("0.");
    out.append(static_cast<std::size_t>(-e - 1), '0');
    for (int p = 0; p < n; ++p) out.push_back(static_cast<char>('0' + digits_[p]));
  }
  return out;
}

int Number::compareMagnitude(const Number& other) const {
  if (exp_ != other.exp_) return exp_ < other.exp_ ? -1 : 1;
  // Digit arrays are zero padded, so one memcmp orders digit strings of any length.
  const int c = std::memcmp(digits_, other.digits_, kMaxDigits);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int Number::compare(const Number& other) const {
  const int a = isZero() ? 0 : (negative_ ? -1 : 1);
  const int b = other.isZero() ? 0 : (other.negative_ ? -1 : 1);
  if (a != b) return a < b ? -1 : 1;
  if (a == 0) return 0;
  const int m = compareMagnitude(other);
  return negative_ ? -m : m;
}

bool operator==(const Number& a, const Number& b) {
  return a.count_ == b.count_ && a.exp_ == b.exp_ && a.negative_ == b.negative_ &&
         std::memcmp(a.digits_, b.digits_, Number::kMaxDigits) == 0;
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
  const int c = a.compare(b);
  return c < 0 ? std::strong_ordering::less
               : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

Number Number::negated() const {
  Number n = *this;
  if (!n.isZero()) n.negative_ = !n.negative_;
  return n;
}

Result<Number> Number::add(const Number& other) const {
  if (other.isZero()) return *this;
  if (isZero()) return other;

  // Exact arithmetic over every power of ten either operand touches, plus one
  // for a carry: at most 125 - (-130 - 37) + 2 = 294 positions.
  const int lowA = exp_ - count_ + 1;
  const int lowB = other.exp_ - other.count_ + 1;
  const int low = lowA < lowB ? lowA : lowB;
  const int high = (exp_ > other.exp_ ? exp_ : other.exp_) + 1;
  constexpr int kWidth = kMaxExponent - (kMinExponent - kMaxDigits + 1) + 2;
  std::uint8_t acc[kWidth] = {};  // acc[p - low] is the digit at 10^p

  const Number* big = this;
  const Number* small = &other;
  const bool sameSign = negative_ == other.negative_;
  bool resultNegative = negative_;
  if (!sameSign) {
    const int m = compareMagnitude(other);
    if (m == 0) return Number();
    if (m < 0) {
      big = &other;
      small = this;
    }
    resultNegative = big->negative_;
  }
  for (int j = 0; j < big->count_; ++j) acc[big->exp_ - j - low] = big->digits_[j];

  const int width = high - low + 1;
  int carry = 0;
  // Walk small's digits from its lowest power upwards, then propagate.
  const int smallLow = small->exp_ - small->count_ + 1;
  for (int idx = smallLow - low; idx < width; ++idx) {
    const int p = idx + low;
    const int d = (p <= small->exp_) ? small->digits_[small->exp_ - p] : 0;
    if (p > small->exp_ && carry == 0) break;
    int v = sameSign ? acc[idx] + d + carry : acc[idx] - d - carry;
    if (sameSign) {
      carry = v >= 10 ? 1 : 0;
      if (carry) v -= 10;
    } else {
      carry = v < 0 ? 1 : 0;
      if (carry) v += 10;
    }
    acc[idx] = static_cast<std::uint8_t>(v);
  }

  int top = width - 1;
  while (top >= 0 && acc[top] == 0) --top;
  if (top < 0) return Number();  // unreachable: equal magnitudes returned above
  int bottom = 0;
  while (acc[bottom] == 0) ++bottom;

  const int e = top + low;
  if (top - bottom + 1 > kMaxDigits) return overflow();  // DynamoDB's answer; see number.h
  if (e > kMaxExponent) return overflow();
  if (e < kMinExponent) return underflow();

  Number r;
  r.negative_ = resultNegative;
  r.exp_ = static_cast<std::int16_t>(e);
  r.count_ = static_cast<std::uint8_t>(top - bottom + 1);
  for (int j = 0; j < r.count_; ++j) r.digits_[j] = acc[top - j];
  return r;
}

Result<Number> Number::subtract(const Number& other) const { return add(other.negated()); }

std::size_t Number::sizeInBytes() const {
  if (isZero()) return 1;
  const int e = exp_;
  const int pairs = floorHalf(e) - floorHalf(e - count_ + 1) + 1;
  return static_cast<std::size_t>(1 + pairs + (negative_ ? 1 : 0));
}

void Number::appendOrderedKey(std::string& out) const {
  if (isZero()) {
    out.push_back('\x02');
    return;
  }
  char buf[kMaxEncodedSize];
  std::size_t k = 0;
  buf[k++] = negative_ ? '\x01' : '\x03';
  const std::uint8_t flip = negative_ ? 0xFF : 0x00;
  const int e = exp_;
  const int topPair = floorHalf(e);
  buf[k++] = static_cast<char>(static_cast<std::uint8_t>(topPair + kExpBias) ^ flip);
  // Digit j sits at power e - j. Pair k (from the top) covers powers
  // 2(topPair - k) + 1 and 2(topPair - k). If e is even the leading digit is
  // the low half of the first pair.
  int j = (e % 2 == 0) ? -1 : 0;  // index of the high digit of the current pair
  while (j < count_) {
    const int hi = j >= 0 ? digits_[j] : 0;
    const int lo = (j + 1 < count_) ? digits_[j + 1] : 0;
    const int pair = hi * 10 + lo;
    const bool last = j + 2 >= count_;
    const int byte = last ? 2 * pair + 1 : 2 * pair + 2;
    buf[k++] = static_cast<char>(static_cast<std::uint8_t>(byte) ^ flip);
    j += 2;
  }
  out.append(buf, k);
}

Result<Number> Number::decodeOrderedKey(std::string_view& in) {
  if (in.empty()) return corrupt();
  const auto cls = static_cast<std::uint8_t>(in[0]);
  if (cls == 0x02) {
    in.remove_prefix(1);
    return Number();
  }
  if (cls != 0x01 && cls != 0x03) return corrupt();
  const bool negative = cls == 0x01;
  const std::uint8_t flip = negative ? 0xFF : 0x00;
  if (in.size() < 3) return corrupt();
  const int topPair = static_cast<int>(static_cast<std::uint8_t>(in[1]) ^ flip) - kExpBias;
  if (topPair < floorHalf(kMinExponent) || topPair > floorHalf(kMaxExponent)) return corrupt();

  std::uint8_t raw[2 * ((kMaxDigits + 1) / 2 + 1)] = {};  // digits from the top pair's high digit
  int rawCount = 0;
  std::size_t pos = 2;
  bool ended = false;
  while (pos < in.size()) {
    const int byte = static_cast<std::uint8_t>(in[pos]) ^ flip;
    ++pos;
    const bool last = (byte & 1) != 0;
    const int pair = last ? (byte - 1) / 2 : (byte - 2) / 2;
    if (byte < 1 || pair > 99 || (!last && byte < 2)) return corrupt();
    if (rawCount + 2 > static_cast<int>(sizeof raw)) return corrupt();
    raw[rawCount++] = static_cast<std::uint8_t>(pair / 10);
    raw[rawCount++] = static_cast<std::uint8_t>(pair % 10);
    if (last) {
      if (pair == 0) return corrupt();
      ended = true;
      break;
    }
  }
  if (!ended) return corrupt();

  int first = 0;
  if (raw[0] == 0) first = 1;                 // leading digit is the low half
  if (first == 1 && raw[1] == 0) return corrupt();  // leading pair must be non-zero
  int lastDigit = rawCount - 1;
  if (raw[lastDigit] == 0) --lastDigit;       // last pair non-zero, so this is enough
  const int count = lastDigit - first + 1;
  if (count > kMaxDigits) return corrupt();
  const int e = 2 * topPair + 1 - first;
  if (e < kMinExponent || e > kMaxExponent) return corrupt();

  Number n;
  n.negative_ = negative;
  n.exp_ = static_cast<std::int16_t>(e);
  n.count_ = static_cast<std::uint8_t>(count);
  for (int j = 0; j < count; ++j) n.digits_[j] = raw[first + j];
  in.remove_prefix(pos);
  return n;
}

}  // namespace dynadesk
