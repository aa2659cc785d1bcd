#include "audio/watermark/payload_correction.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace chorus::audio::watermark {
namespace {

constexpr std::uint32_t kHourMask = (1u << kHourBits) - 1;
constexpr std::size_t kServers = std::size_t{1} << kServerIdBits;
constexpr std::size_t kCrcValues = std::size_t{1} << kCrcBits;

double reliable(double z) { return std::isfinite(z) ? z : 0.0; }

// The likelihood of `bits` coded bits from `first` reading as a value's bits (most significant
// first, x_i = +-1), relative to the hard decisions: exp(mu * sum(z_i * x_i - |z_i|)), at most 1.
// It is a product over the bits, so it and its Walsh-Hadamard transform over the values come
// from two tables each, of the value's high and low halves.
class BitLikelihood {
 public:
  BitLikelihood(const SoftBits& soft, std::size_t first, int bits, double mu) : low_bits_(bits / 2) {
    std::vector<double> one(static_cast<std::size_t>(bits)), zero(static_cast<std::size_t>(bits));
    for (std::size_t i = 0; i < one.size(); ++i) {
      const double z = reliable(soft[first + i]);
      one[i] = std::exp(mu * (z - std::abs(z)));
      zero[i] = std::exp(mu * (-z - std::abs(z)));
    }
    const std::size_t high_bits = one.size() - static_cast<std::size_t>(low_bits_);
    fill(high_, one, zero, 0, high_bits);
    fill(low_, one, zero, high_bits, one.size());
  }
  double operator()(std::uint32_t value) const { return split(value, 0); }
  // sum over values v of likelihood(v) * (-1)^popcount(k & v)
  double transform(std::uint32_t k) const { return split(k, 1); }

 private:
  // Per half: [likelihood of each value, transform at each value].
  using Tables = std::array<std::vector<double>, 2>;
  static void fill(Tables& tables, const std::vector<double>& one, const std::vector<double>& zero, std::size_t from,
                   std::size_t to) {
    const std::size_t n = std::size_t{1} << (to - from);
    tables[0].assign(n, 1.0);
    tables[1].assign(n, 1.0);
    for (std::size_t value = 0; value < n; ++value) {
      for (std::size_t i = from; i < to; ++i) {
        const bool bit = (value >> (to - 1 - i)) & 1u;
        tables[0][value] *= bit ? one[i] : zero[i];
        tables[1][value] *= bit ? zero[i] - one[i] : zero[i] + one[i];
      }
    }
  }
  double split(std::uint32_t value, int which) const {
    return high_[which][value >> low_bits_] * low_[which][value & ((1u << low_bits_) - 1)];
  }
  int low_bits_;
  Tables high_, low_;
};

// Unnormalized: applied twice it multiplies by the size.
void walsh_hadamard(std::vector<double>& a) {
  for (std::size_t h = 1; h < a.size(); h *= 2) {
    for (std::size_t i = 0; i < a.size(); i += 2 * h) {
      for (std::size_t j = i; j < i + h; ++j) {
        const double x = a[j], y = a[j + h];
        a[j] = x + y;
        a[j + h] = x - y;
      }
    }
  }
}

// The CRC of a payload is crc16(0) ^ part(server << kHourBits) ^ part(hour), part linear in
// the bits (XOR); parts of a server id and of an hour, from tables made once.
class CrcParts {
 public:
  static const CrcParts& get() {
    static const CrcParts parts;
    return parts;
  }
  std::uint16_t server(std::uint32_t id) const { return server_[id]; }
  std::uint16_t hour(std::uint32_t h) const { return hour_high_[h >> kHalf] ^ hour_low_[h & ((1u << kHalf) - 1)]; }
  // The server-id mask m with popcount(m & id) = popcount(k & server(id)) (mod 2) for every id:
  // the sign pattern k takes on the CRC parts, seen on the server ids.
  std::uint32_t server_mask(std::uint16_t k) const { return mask_high_[k >> 8] ^ mask_low_[k & 0xFFu]; }

 private:
  static constexpr int kHalf = kHourBits / 2;
  static std::uint16_t part(std::uint32_t value) { return static_cast<std::uint16_t>(crc16(value) ^ crc16(0)); }
  CrcParts() {
    for (std::uint32_t s = 0; s < kServers; ++s) server_[s] = part(s << kHourBits);
    for (std::uint32_t v = 0; v < hour_low_.size(); ++v) hour_low_[v] = part(v);
    for (std::uint32_t v = 0; v < hour_high_.size(); ++v) hour_high_[v] = part(v << kHalf);
    for (std::uint32_t v = 0; v < 256; ++v) {
      for (int b = 0; b < kServerIdBits; ++b) {
        const std::uint16_t column = server_[1u << b];
        mask_low_[v] |= static_cast<std::uint32_t>(std::popcount(v & column) & 1) << b;
        mask_high_[v] |= static_cast<std::uint32_t>(std::popcount((v << 8) & column) & 1) << b;
      }
    }
  }
  std::array<std::uint16_t, kServers> server_{};
  std::array<std::uint16_t, std::size_t{1} << kHalf> hour_low_{};
  std::array<std::uint16_t, std::size_t{1} << (kHourBits - kHalf)> hour_high_{};
  std::array<std::uint32_t, 256> mask_low_{}, mask_high_{};
};

double strength(const SoftBits& soft) {
  double mean_square = 0.0;
  for (double z : soft) mean_square += reliable(z) * reliable(z);
  mean_square /= static_cast<double>(kCodedBits);
  return std::sqrt(std::max(0.0, mean_square - 1.0));
}

int differing_bits(const Payload& payload, const CodedBits& hard) {
  const CodedBits bits = encode_payload(payload);
  int count = 0;
  for (std::size_t i = 0; i < kCodedBits; ++i) count += bits[i] != hard[i];
  return count;
}

std::optional<SoftDecoded> most_likely(const SoftBits& soft, const CodedBits& hard, const HourWindow& window) {
  const double mu = strength(soft);
  if (!(mu >= kMinDecodingStrength)) return std::nullopt;
  const BitLikelihood server(soft, 0, kServerIdBits, mu);
  const BitLikelihood hour(soft, kServerIdBits, kHourBits, mu);
  const BitLikelihood crc(soft, kPayloadBits, kCrcBits, mu);
  // The server ids' likelihoods placed at their CRC parts, convolved (XOR) with the CRC bits'
  // likelihood: at y, the sum over server ids of their likelihood times that of the CRC bits a
  // payload with an hour of CRC part y would carry. The product of both transforms, transformed
  // back; the placed likelihoods' transform is the server bits' own at server_mask(k).
  const CrcParts& parts = CrcParts::get();
  std::vector<double> convolved(kCrcValues);
  for (std::uint32_t k = 0; k < kCrcValues; ++k) {
    convolved[k] = server.transform(parts.server_mask(static_cast<std::uint16_t>(k))) * crc.transform(k);
  }
  walsh_hadamard(convolved);
  const double scale = 1.0 / static_cast<double>(kCrcValues);

  // Sum over the window's hours; the hour holding the most probability.
  double total = 0.0, best_mass = -1.0;
  std::uint32_t best_hour = window.first;
  const std::uint16_t crc_zero = crc16(0);
  for (std::uint32_t k = 0, n = window.size(); k < n; ++k) {
    const std::uint32_t h = (window.first + k) & kHourMask;
    const double mass = hour(h) * std::max(0.0, convolved[parts.hour(h) ^ crc_zero] * scale);
    total += mass;
    if (mass > best_mass) {
      best_mass = mass;
      best_hour = h;
    }
  }
  // Its most likely server id; the pair's posterior. Any other payload then has at most
  // 1 - posterior, so a pair reaching kMinPosterior is the most likely payload of all.
  const std::uint16_t hour_crc = static_cast<std::uint16_t>(parts.hour(best_hour) ^ crc_zero);
  std::uint32_t best_server = 0;
  double best = -1.0;
  for (std::uint32_t s = 0; s < kServers; ++s) {
    const double likelihood = server(s) * crc(static_cast<std::uint16_t>(parts.server(s) ^ hour_crc));
    if (likelihood > best) {
      best = likelihood;
      best_server = s;
    }
  }
  const double posterior = best * hour(best_hour) / total;
  if (!(total > 0.0) || !std::isfinite(posterior) || posterior < kMinPosterior) return std::nullopt;
  const Payload payload{best_server, best_hour};
  const int corrected = differing_bits(payload, hard);
  if (corrected > kMaxCorrectedBits) return std::nullopt;
  return SoftDecoded{payload, corrected, std::min(1.0, posterior)};
}

}  // namespace

bool HourWindow::contains(std::uint32_t hour) const {
  // Modular: the 20-bit hour wraps in 2089, and a window may span the wrap.
  return ((hour - first) & kHourMask) <= ((last - first) & kHourMask);
}

std::uint32_t HourWindow::size() const { return ((last - first) & kHourMask) + 1; }

HourWindow marks_possible_at(std::int64_t unix_now) {
  const std::int64_t hours = unix_now < 0 ? 0 : unix_now / 3600;
  return {kFirstMarkHour, static_cast<std::uint32_t>(hours + kClockSkewHours) & kHourMask};
}

std::optional<SoftDecoded> decode_soft(const SoftBits& soft, const HourWindow& window) {
  CodedBits hard{};
  for (std::size_t i = 0; i < kCodedBits; ++i) hard[i] = reliable(soft[i]) > 0.0 ? 1 : 0;
  if (auto payload = decode_payload(hard)) return SoftDecoded{*payload, 0, 1.0};
  return most_likely(soft, hard, window);
}

}  // namespace chorus::audio::watermark
